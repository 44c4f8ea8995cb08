// The guardian's resource alerts over a real state.db and alert book, with made-up readings.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EvaluateDeps } from "../../../../jobs/guardian/evaluate.ts";
import { Ledger } from "../../../../jobs/guardian/ledger.ts";
import type { Reachability } from "../../../../jobs/guardian/probe.ts";
import { resourceResults } from "../../../../jobs/guardian/resource-results.ts";
import { AlertBook } from "../../../../src/alerts/alert-book.ts";
import type { AlertEvent } from "../../../../src/alerts/types.ts";
import { silentLogger } from "../../../../src/log.ts";
import type { FilesystemUse, ResourceReading } from "../../../../src/resources/types.ts";
import { openStore } from "../../../../src/store/index.ts";
import { tmpDir } from "../../../helpers/tmp-dir.ts";
import { OysterError } from "../../../../src/errors.ts";

const GiB = 1024 ** 3;
const T = { disk: [85, 95], inodes: [85, 95], memory: [10, 5] } as const;

function deps(over: Partial<EvaluateDeps> = {}) {
  const dir = tmpDir();
  const store = openStore(dir);
  const events: AlertEvent[] = [];
  const now = () => new Date("2026-11-27T12:00:00Z");
  const alerts = new AlertBook(store, { dataDir: dir, notifier: { notify: async (e) => void events.push(e) }, reminderMinutes: 60, retentionDays: 7, now, log: silentLogger() });
  const ev: EvaluateDeps = { ledger: new Ledger(store.db, now), alerts, fix: true, storm: false, maxFixAttempts: 2, alertAfter: 2, ...over };
  return { ev, events, alerts };
}

const fs = (mount: string, usedPercent: number, inodesUsedPercent: number | null = 10): FilesystemUse => ({
  filesystem: "/dev/sda1", mount, usedPercent, usedBytes: (usedPercent / 100) * 50 * GiB, sizeBytes: 50 * GiB, inodesUsedPercent,
});
const up = (resources: ResourceReading): Reachability => ({ node: "n1", state: "up", latencyMs: 2, resources });
const memory = (pct: number) => ({ availablePercent: pct, availableBytes: (pct / 100) * 8 * GiB, totalBytes: 8 * GiB });

describe("guardian resource alerts", () => {
  it("a full disk alerts on its first reading, one alert per node and filesystem, never a fix attempt", async () => {
    const { ev, alerts } = deps();
    const results = await resourceResults(ev, "n1", up({ filesystems: [fs("/", 93), fs("/home", 40)], memory: memory(50) }), T);
    assert.deepEqual(results.map((r) => [r.check, r.status]), [["disk:/", "failed"], ["disk:/home", "passed"], ["inodes:/", "passed"], ["inodes:/home", "passed"], ["memory", "passed"]]);
    const open = alerts.list("open");
    assert.deepEqual(open.map((a) => [a.check, a.node, a.severity, a.message, a.attempts]), [["disk:/", "n1", "warning", "n1: disk / 93% used (46.5 of 50 GiB)", 0]]);
    assert.equal(results[0]!.fixAttempts, undefined);
    assert.equal(results[0]!.detail, "disk / 93% used (46.5 of 50 GiB); warning from 85%, critical from 95%");
  });

  it("escalates in place to critical, stays open in the hysteresis band, resolves 2 points under the first line", async () => {
    const { ev, alerts, events } = deps();
    const run = (pct: number) => resourceResults(ev, "n1", up({ filesystems: [fs("/", pct)], memory: memory(50) }), T);
    await run(90);
    const id = alerts.find("guardian", "disk:/", "n1")!.id;
    await run(96);
    assert.deepEqual([alerts.get(id)?.severity, alerts.get(id)?.status], ["critical", "open"]);
    await run(84);
    await run(83);
    assert.deepEqual([alerts.get(id)?.severity, alerts.get(id)?.status], ["warning", "open"], "84 and 83 are inside the band: still open");
    await run(82);
    assert.equal(alerts.get(id)?.status, "resolved");
    assert.equal(alerts.get(id)?.message, "n1: disk / 82% used (41 of 50 GiB)");
    // 96 is critical, 84 a warning again: both news; 83 is one point from 84, so nothing is re-sent.
    assert.deepEqual(events.map((e) => e.kind), ["raised", "updated", "updated", "resolved"]);
  });

  it("low memory waits alertAfter runs (it swings); critical below the second line", async () => {
    const { ev, alerts } = deps();
    const run = (pct: number) => resourceResults(ev, "n1", up({ filesystems: [fs("/", 10)], memory: memory(pct) }), T);
    const first = (await run(3)).find((r) => r.check === "memory")!;
    assert.deepEqual([first.status, first.alert], ["failed", undefined]);
    const second = (await run(3.9)).find((r) => r.check === "memory")!;
    assert.equal(second.alert?.status, "open");
    assert.deepEqual([alerts.find("guardian", "memory", "n1")?.severity, alerts.find("guardian", "memory", "n1")?.message], ["critical", "n1: memory 3% available (319 MiB of 8 GiB)"]);
  });

  it("with --no-fix it judges but writes nothing: no alert, no ledger", async () => {
    const { ev, alerts } = deps({ fix: false });
    const results = await resourceResults(ev, "n1", up({ filesystems: [fs("/", 99)], memory: memory(1) }), T);
    assert.deepEqual(results.map((r) => r.status), ["failed", "passed", "failed"]);
    assert.deepEqual(alerts.list("all"), []);
    assert.equal(ev.ledger.get("disk:/", "n1"), undefined);
  });

  it("an unreachable node has no reading: nothing judged, its open resource alerts left as they are", async () => {
    const { ev, alerts } = deps();
    await resourceResults(ev, "n1", up({ filesystems: [fs("/", 97)], memory: memory(50) }), T);
    const down: Reachability = { node: "n1", state: "down", error: new OysterError("SshUnreachable", "refused") };
    assert.deepEqual(await resourceResults(ev, "n1", down, T), []);
    assert.equal(alerts.find("guardian", "disk:/", "n1")?.status, "open");
  });

  it("unreadable df: a warning after alertAfter runs, resolved once df answers again; a mount that went away is resolved", async () => {
    const { ev, alerts } = deps();
    await resourceResults(ev, "n1", up({ filesystems: [fs("/", 50), fs("/mnt/agents", 99)], memory: memory(50) }), T);
    const broken = up({ filesystems: null, diskError: "disk use could not be read: df -Pk exited 127: sh: df: not found", memory: memory(50) });
    const once = await resourceResults(ev, "n1", broken, T);
    assert.deepEqual(once[0], { check: "disk", node: "n1", status: "failed", detail: "disk use could not be read: df -Pk exited 127: sh: df: not found; no automatic fix" });
    await resourceResults(ev, "n1", broken, T);
    assert.deepEqual([alerts.find("guardian", "disk", "n1")?.severity, alerts.find("guardian", "disk", "n1")?.message], ["warning", "n1: disk use could not be read: df -Pk exited 127: sh: df: not found"]);
    assert.equal(alerts.find("guardian", "disk:/mnt/agents", "n1")?.status, "open", "not read is not resolved");
    const back = await resourceResults(ev, "n1", up({ filesystems: [fs("/", 50)], memory: memory(50) }), T);
    assert.deepEqual(alerts.list("open"), []);
    assert.deepEqual(back.filter((r) => r.alert?.status === "resolved").map((r) => r.check).sort(), ["disk", "disk:/mnt/agents"]);
  });
});

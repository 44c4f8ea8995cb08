import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate, type EvaluateDeps } from "../../../../jobs/guardian/evaluate.ts";
import { Ledger } from "../../../../jobs/guardian/ledger.ts";
import { isStorm } from "../../../../jobs/guardian/storm.ts";
import { classify } from "../../../../jobs/guardian/probe.ts";
import { AlertBook } from "../../../../src/alerts/alert-book.ts";
import type { AlertEvent } from "../../../../src/alerts/types.ts";
import { OysterError } from "../../../../src/errors.ts";
import { openStore } from "../../../../src/store/index.ts";
import { tmpDir } from "../../../helpers/tmp-dir.ts";
import { silentLogger } from "../../../../src/log.ts";

function deps(over: Partial<EvaluateDeps> = {}) {
  const dir = tmpDir();
  const store = openStore(dir);
  const events: AlertEvent[] = [];
  const now = () => new Date("2026-11-27T12:00:00Z");
  const alerts = new AlertBook(store, { dataDir: dir, notifier: { notify: async (e) => void events.push(e) }, reminderMinutes: 60, retentionDays: 7, now, log: silentLogger() });
  const ledger = new Ledger(store.db, now);
  return { ev: { ledger, alerts, fix: true, storm: false, maxFixAttempts: 2, alertAfter: 2, ...over }, events, ledger, store };
}

const failing = (fix?: () => Promise<string>) => async () => ({ ok: false as const, severity: "warning" as const, detail: "drift", ...(fix ? { fix } : {}) });
const passing = async () => ({ ok: true as const, detail: "fine" });

describe("guardian evaluate", () => {
  it("fixes within the budget and raises no alert for a fixed problem", async () => {
    const { ev, events } = deps();
    const r = await evaluate(ev, "wrapper_version", "n1", failing(async () => "pushed"));
    assert.deepEqual([r.status, r.detail, r.fixAttempts], ["fixed", "drift; pushed", { made: 1, max: 2 }]);
    assert.equal(events.length, 0);
  });

  it("a problem that comes back after every fix still runs out of fix attempts", async () => {
    const { ev } = deps();
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await evaluate(ev, "wrapper_version", "n1", failing(async () => "pushed"))).status);
    assert.deepEqual(statuses, ["fixed", "fixed", "failed", "failed", "failed"]);
  });

  it("restores the fix budget only after two passing runs in a row", async () => {
    const { ev, ledger } = deps();
    const broken = failing(async () => { throw new Error("read-only"); });
    await evaluate(ev, "wrapper_version", "n1", broken);
    await evaluate(ev, "wrapper_version", "n1", passing);
    assert.equal(ledger.get("wrapper_version", "n1")?.fixAttempts, 1, "one pass is a blip");
    await evaluate(ev, "wrapper_version", "n1", passing);
    assert.equal(ledger.get("wrapper_version", "n1")?.fixAttempts, 0);
  });

  it("alerts after alertAfter consecutive failures, and at once when the check says so", async () => {
    const { ev, events } = deps();
    assert.equal((await evaluate(ev, "node_availability", "n1", failing())).alert, undefined);
    assert.equal((await evaluate(ev, "node_availability", "n1", failing())).alert?.status, "open");
    const hostKey = async () => ({ ok: false as const, severity: "critical" as const, detail: "HOST KEY CHANGED", alertNow: true, noFix: "never" });
    assert.equal((await evaluate(ev, "ssh_connection", "n2", hostKey)).alert?.status, "open");
    assert.deepEqual(events.map((e) => [e.kind, e.alert.check, e.alert.node]), [["raised", "node_availability", "n1"], ["raised", "ssh_connection", "n2"]]);
  });

  it("holds reachability fixes and per-node alerts during a storm, but not drift fixes", async () => {
    const { ev, events } = deps({ storm: true });
    let fixes = 0;
    const fix = async () => { fixes++; return "done"; };
    for (let i = 0; i < 3; i++) await evaluate(ev, "ssh_connection", "n1", failing(fix));
    assert.equal(fixes, 0);
    assert.equal(events.length, 0);
    assert.equal((await evaluate(ev, "wrapper_version", "n1", failing(fix))).status, "fixed");
  });

  it("with fix off writes nothing at all", async () => {
    const { ev, ledger, events } = deps({ fix: false });
    let fixes = 0;
    for (let i = 0; i < 3; i++) await evaluate(ev, "wrapper_version", "n1", failing(async () => { fixes++; return ""; }));
    assert.equal(fixes, 0);
    assert.equal(ledger.get("wrapper_version", "n1"), undefined);
    assert.equal(events.length, 0);
  });

  it("reports a check that throws as failed, naming the error", async () => {
    const { ev } = deps();
    const r = await evaluate(ev, "param_alignment", "n1", async () => { throw new OysterError("SshTimeout", "n1: command did not finish"); });
    assert.deepEqual([r.status, r.detail], ["failed", "check could not run: n1: command did not finish"]);
  });
});

describe("guardian storm and reachability", () => {
  it("is a storm only with both the share and the minimum number of nodes", () => {
    assert.equal(isStorm(3, 6, 0.5, 3), true);
    assert.equal(isStorm(2, 6, 0.5, 3), false);
    assert.equal(isStorm(2, 2, 0.5, 3), false, "two nodes down in a fleet of two is not enough nodes");
    assert.equal(isStorm(3, 10, 0.5, 3), false);
  });

  it("tells a node that does not answer from one whose sshd does not", () => {
    const refused = new OysterError("SshUnreachable", "refused", { tcpConnected: false });
    const hung = new OysterError("SshTimeout", "no session", { tcpConnected: true });
    const key = new OysterError("HostKeyMismatch", "changed", { tcpConnected: true });
    assert.deepEqual([classify("a", refused).state, classify("b", hung).state, classify("c", key).state], ["down", "ssh-broken", "ssh-broken"]);
  });
});

describe("guardian fix history", () => {
  it("records every fix tried, with its outcome, for the daily report", async () => {
    const { ev, store } = deps();
    await evaluate(ev, "wrapper_version", "n1", failing(async () => "pushed task-wrapper.sh"));
    await evaluate(ev, "wrapper_version", "n2", failing(async () => { throw new Error("Permission denied"); }));
    const rows = store.db.prepare("SELECT check_name, node, ok, detail FROM fixes ORDER BY id").all();
    assert.deepEqual(rows, [
      { check_name: "wrapper_version", node: "n1", ok: 1, detail: "pushed task-wrapper.sh" },
      { check_name: "wrapper_version", node: "n2", ok: 0, detail: "Permission denied" },
    ]);
  });
});

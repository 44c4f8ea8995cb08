// `oyster silence add | list | remove` and `alerts` in-process against a real state.db in a temp
// data dir, on a fake clock; the out-of-range duration through the real bin in its own process.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import { runCli } from "../../../src/cli.ts";
import { silentLogger } from "../../../src/log.ts";
import { openStore } from "../../../src/store/index.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

// No terminal: a command that asked for confirmation here would be refused with exit 3.
const noTty = () => ({ input: new PassThrough(), output: new PassThrough() });

/** Two nodes (node-2 tagged gpu) and one open alert on node-2, raised at 09:00. */
async function sandbox() {
  const dir = tmpDir();
  const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH, LOG_LEVEL: "error" };
  mkdirSync(env.OYSTER_CONFIG_DIR);
  writeFileSync(join(env.OYSTER_CONFIG_DIR, "nodes.json"), JSON.stringify({ nodes: [{ name: "node-1" }, { name: "node-2", tags: ["gpu"] }] }));
  let t = Date.parse("2026-11-27T09:00:00.000Z");
  const now = () => new Date(t);
  const store = openStore(env.OYSTER_DATA_DIR);
  const book = new AlertBook(store, { dataDir: env.OYSTER_DATA_DIR, notifier: { notify: async () => {} }, now, reminderMinutes: 60, retentionDays: 7, log: silentLogger() });
  await book.raise({ source: "guardian", check: "node_availability", node: "node-2", severity: "critical", message: "node-2 unreachable", attempts: 0 });
  store.close();
  const run = async (...argv: string[]) => {
    const c = captureOutput();
    const code = await runCli(argv, { env, out: c.out, io: noTty(), now });
    return { code, stdout: c.stdout, stderr: c.stderr };
  };
  const audit = () => {
    const s = openStore(env.OYSTER_DATA_DIR);
    try {
      return s.audit.since(new Date(0)).map((a) => ({ who: a.who, command: a.command, args: a.args, decision: a.decision, outcome: a.outcome }));
    } finally {
      s.close();
    }
  };
  return { env, run, audit, advance: (ms: number) => void (t += ms) };
}

describe("oyster silence", () => {
  it("adds a silence without asking, shows it on the alerts it covers, removes it; add and remove are audited, list is not", async () => {
    const { run, audit, advance } = await sandbox();
    const added = await run("silence", "add", "--tag", "gpu", "--for", "2h", "--reason", "kernel update");
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^S1 tag gpu, silenced until 2026-11-27 11:00 UTC by cli:\S+ \(kernel update\); covers A1 now$/m);

    const alerts = await run("alerts");
    assert.match(alerts.stdout, /^A1\s+critical\s+open, silenced until 2026-11-27 11:00 UTC by cli:\S+ \(kernel update\)\s+node_availability\s+node-2\s/m);
    assert.match(alerts.stdout, /Silences in force:\nS1 tag gpu: silenced until 2026-11-27 11:00 UTC by cli:\S+ \(kernel update\)\n$/);
    const json = JSON.parse((await run("alerts", "--json")).stdout) as { alerts: Array<{ id: string; silenced?: { id: string; until: string } }> };
    assert.deepEqual(json.alerts.map((a) => [a.id, a.silenced?.id, a.silenced?.until]), [["A1", "S1", "2026-11-27T11:00:00.000Z"]]);

    const listed = JSON.parse((await run("silence", "list", "--json")).stdout) as { silences: Array<{ id: string; state: string; covers: string[] }> };
    assert.deepEqual(listed.silences.map((s) => [s.id, s.state, s.covers]), [["S1", "active", ["A1"]]]);

    advance(10 * 60_000);
    const removed = await run("silence", "remove", "S1");
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /^S1 removed \(tag gpu\)/);
    assert.doesNotMatch((await run("alerts")).stdout, /silenced/);
    const all = JSON.parse((await run("silence", "list", "--all", "--json")).stdout) as { silences: Array<{ id: string; state: string; removedAt: string }> };
    assert.deepEqual(all.silences.map((s) => [s.id, s.state, s.removedAt]), [["S1", "removed", "2026-11-27T09:10:00.000Z"]]);

    const rows = audit();
    assert.deepEqual(rows.map((r) => [r.command, r.decision, r.outcome]), [["silence", "allowed", "ok"], ["silence", "allowed", "ok"]]);
    assert.match(rows[0]!.who, /^cli:/);
    assert.deepEqual(rows[0]!.args, { action: "add", match: { node: [], tag: ["gpu"], check: [], source: [] }, for: "2h", durationMs: 7_200_000, reason: "kernel update" });
    assert.deepEqual(rows[1]!.args, { action: "remove", id: "S1" });
  });

  it("refuses unknown and malformed names with exit 2, storing nothing", async () => {
    const { run, audit } = await sandbox();
    const cases: Array<[string[], RegExp]> = [
      [["silence", "remove", "S9"], /unknown silence "S9"/],
      [["silence", "remove", "A1"], /not a silence id \(like S3\)/],
      [["silence", "add", "--node", "node-9", "--for", "1h"], /unknown node "node-9" \(known: node-1, node-2\)/],
      [["silence", "add", "--tag", "tpu", "--for", "1h"], /no node has the tag "tpu" \(tags in nodes.json: gpu\)/],
      [["silence", "add", "--check", "disk_typo", "--for", "1h"], /unknown check "disk_typo"/],
      [["silence", "add", "--source", "cron", "--for", "1h"], /--source: not an alert source/],
      [["silence", "add", "--for", "1h"], /say what to silence/],
      [["silence", "add", "--node", "node-1"], /--for: required/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv, "--json");
      assert.equal(r.code, 2, `${argv.join(" ")}: ${r.stdout}`);
      assert.match((JSON.parse(r.stdout) as { error: { message: string } }).error.message, message, argv.join(" "));
    }
    assert.deepEqual(JSON.parse((await run("silence", "list", "--all", "--json")).stdout).silences, []);
    assert.ok(audit().every((a) => a.outcome !== "ok"), "nothing was carried out");
  });

  it("refuses a silence longer than 30 days (exit 2, through the real bin), naming the range", async () => {
    const { env } = await sandbox();
    const r = await runOyster(["silence", "add", "--node", "node-1", "--for", "31d", "--json"], env);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    const doc = JSON.parse(r.stdout) as { ok: boolean; error: { code: string; message: string } };
    assert.equal(doc.error.code, "InvalidArgument");
    assert.match(doc.error.message, /--for: invalid duration "31d": too large; allowed from 1s to 30d/);
    const ok = await runOyster(["silence", "add", "--node", "node-1", "--for", "30d", "--json"], env);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  });
});

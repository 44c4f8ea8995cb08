// `oyster alerts`, `ack` and `snooze` in-process against a real state.db in a temp data dir; the
// alerts are seeded through AlertBook, as the guardian raises them.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import type { Alert, AlertEvent } from "../../../src/alerts/types.ts";
import { runCli } from "../../../src/cli.ts";
import { openStore } from "../../../src/store/index.ts";
import { captureOutput as capture } from "../../helpers/capture-output.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { silentLogger } from "../../../src/log.ts";


// No terminal: a command that asked for confirmation here would be refused with exit 3.
const noTty = () => ({ input: new PassThrough(), output: new PassThrough() });

/** A sandbox with three alerts: A1 open, A2 open (fleet-wide), A3 resolved. */
async function seeded() {
  const dir = tmpDir();
  const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH };
  mkdirSync(env.OYSTER_CONFIG_DIR);
  const store = openStore(env.OYSTER_DATA_DIR);
  const events: AlertEvent[] = [];
  const book = new AlertBook(store, { dataDir: env.OYSTER_DATA_DIR, notifier: { notify: async (e) => void events.push(e) }, reminderMinutes: 60, retentionDays: 7, log: silentLogger() });
  await book.raise({ source: "guardian", check: "node_availability", node: "node-1", severity: "critical", message: "node-1 unreachable", attempts: 0 });
  await book.raise({ source: "guardian", check: "db_schema", node: null, severity: "warning", message: "dispatch.db schema is old", attempts: 1 });
  await book.raise({ source: "guardian", check: "ssh_connection", node: "node-2", severity: "critical", message: "auth failed", attempts: 0 });
  await book.resolve("guardian", "ssh_connection", "node-2");
  store.close();
  const run = async (...argv: string[]) => {
    const c = capture();
    const code = await runCli(argv, { env, out: c.out, io: noTty() });
    return { code, stdout: c.stdout, stderr: c.stderr };
  };
  const file = (id: string) => JSON.parse(readFileSync(join(env.OYSTER_DATA_DIR, "guardian_alerts", `${id}.json`), "utf8")) as Alert;
  const auditRows = () => {
    const s = openStore(env.OYSTER_DATA_DIR);
    try {
      return s.audit.since(new Date(0));
    } finally {
      s.close();
    }
  };
  return { run, file, auditRows };
}

describe("oyster alerts / ack / snooze", () => {
  it("lists unresolved alerts by default, newest first, and every alert with --all", async () => {
    const { run } = await seeded();
    const open = await run("alerts", "--json");
    assert.equal(open.code, 0, open.stderr);
    assert.deepEqual((JSON.parse(open.stdout) as { alerts: Alert[] }).alerts.map((a) => [a.id, a.status]), [["A2", "open"], ["A1", "open"]]);
    const explicit = await run("alerts", "--open", "--json");
    assert.deepEqual(JSON.parse(explicit.stdout), JSON.parse(open.stdout));
    const all = await run("alerts", "--all", "--json");
    assert.deepEqual((JSON.parse(all.stdout) as { alerts: Alert[] }).alerts.map((a) => [a.id, a.status]), [["A3", "resolved"], ["A2", "open"], ["A1", "open"]]);
  });

  it("renders a table with the fleet-wide alert's node shown as (fleet)", async () => {
    const { run } = await seeded();
    const r = await run("alerts");
    assert.equal(r.code, 0);
    const [header, ...rows] = r.stdout.trimEnd().split("\n");
    assert.match(header!, /^ID\s+SEVERITY\s+STATUS\s+CHECK\s+NODE\s+FIRST SEEN\s+LAST SEEN\s+MESSAGE$/);
    assert.match(rows[0]!, /^A2\s+warning\s+open\s+db_schema\s+\(fleet\)\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+.*dispatch\.db schema is old$/);
    assert.match(rows[1]!, /^A1\s+critical\s+open\s+node_availability\s+node-1\s/);
  });

  it("refuses --open together with --all as a usage error (exit 2)", async () => {
    const { run } = await seeded();
    const r = await run("alerts", "--open", "--all", "--json");
    assert.equal(r.code, 2);
    const doc = JSON.parse(r.stdout) as { ok: boolean; error: { code: string; message: string } };
    assert.equal(doc.ok, false);
    assert.match(doc.error.message, /--all: give --open or --all, not both/);
  });

  it("acks without --yes and without a terminal, audited, and the file shows it", async () => {
    const { run, file, auditRows } = await seeded();
    const r = await run("ack", "A1", "--reason", "on it", "--json");
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const { alert } = JSON.parse(r.stdout) as { alert: Alert };
    assert.equal(alert.status, "acknowledged");
    assert.match(alert.acknowledged!.by, /^cli:/);
    assert.equal(alert.acknowledged!.reason, "on it");
    assert.deepEqual(file("A1").acknowledged, alert.acknowledged);
    assert.equal(file("A1").status, "acknowledged");
    const rows = auditRows();
    assert.deepEqual(rows.map((x) => [x.command, x.args, x.decision, x.outcome]), [["ack", { id: "A1", reason: "on it" }, "allowed", "ok"]]);
    assert.match(rows[0]!.who, /^cli:/);
  });

  it("snoozes for a duration without confirmation, audited, and the file shows until when", async () => {
    const { run, file, auditRows } = await seeded();
    const before = Date.now();
    const r = await run("snooze", "A1", "1h");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^A1 snoozed until \d{4}-\d\d-\d\d \d\d:\d\d UTC by cli:/);
    const f = file("A1");
    assert.equal(f.status, "snoozed");
    const until = Date.parse(f.snoozed!.until);
    assert.ok(until >= before + 3_600_000 && until <= Date.now() + 3_600_000);
    assert.deepEqual(auditRows().map((x) => [x.command, x.args, x.decision, x.outcome]), [["snooze", { id: "A1", durationMs: 3_600_000 }, "allowed", "ok"]]);
  });

  it("accepts and ignores --yes on ack", async () => {
    const { run } = await seeded();
    assert.equal((await run("ack", "A2", "--yes")).code, 0);
  });

  it("exits 2 with a JSON error for an unknown alert, and audits the failed attempt", async () => {
    const { run, auditRows } = await seeded();
    const r = await run("ack", "A999", "--json");
    assert.equal(r.code, 2);
    assert.deepEqual(JSON.parse(r.stdout), { ok: false, error: { code: "InvalidArgument", message: 'unknown alert "A999"' } });
    assert.deepEqual(auditRows().map((x) => [x.command, x.decision, x.outcome]), [["ack", "allowed", "failed"]]);
  });

  it("exits 2 for a resolved alert, saying so", async () => {
    const { run } = await seeded();
    const r = await run("snooze", "A3", "30m", "--json");
    assert.equal(r.code, 2);
    assert.match((JSON.parse(r.stdout) as { error: { message: string } }).error.message, /alert A3 is resolved/);
  });

  it("exits 2 for malformed ids and durations before touching anything", async () => {
    const { run, auditRows } = await seeded();
    const nope = await run("ack", "nope");
    assert.equal(nope.code, 2);
    assert.match(nope.stderr, /"nope": not an alert id \(like A12\)/);
    const json = await run("ack", "nope", "--json");
    assert.equal((JSON.parse(json.stdout) as { error: { code: string } }).error.code, "InvalidArgument");
    assert.equal((await run("snooze", "A1", "soon")).code, 2);
    assert.equal((await run("snooze", "A1")).code, 2);
    assert.equal((await run("ack")).code, 2);
    assert.deepEqual(auditRows(), []);
  });
});

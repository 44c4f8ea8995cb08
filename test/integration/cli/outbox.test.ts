// `oyster outbox` and `outbox retry` in-process over a real state.db, delivering through a real
// SMTP server on loopback: retry makes a failed item due now and the CLI delivers it before exit.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, describe, it } from "node:test";
import { Outbox } from "../../../src/notify/outbox.ts";
import { runCli } from "../../../src/cli.ts";
import { openStore } from "../../../src/store/index.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { SmtpSink } from "../../helpers/smtp-sink.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const sinks: SmtpSink[] = [];
after(async () => {
  for (const s of sinks) await s.stop();
});

const report = (subject: string) => ({ subject, text: `${subject} text`, html: `<p>${subject}</p>`, blocks: [] });

async function sandbox() {
  const sink = await SmtpSink.start();
  sinks.push(sink);
  const root = tmpDir();
  const configDir = join(root, "config");
  const dataDir = join(root, "data");
  mkdirSync(configDir);
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ email: { from: "oyster@ops.example", to: "ops@example.com", allowInsecureAuth: true } }));
  const env = { HOME: root, PATH: process.env.PATH, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: dataDir, SMTP_URL: sink.url() };
  // Seeded as the deliverer leaves them: one failed twice and waiting an hour, one delivered.
  const store = openStore(dataDir);
  const outbox = new Outbox(store.db, () => new Date(Date.now() - 600_000));
  const failed = outbox.enqueue("report:2026-11-30:email", { kind: "report", report: report("Daily report"), via: "email" });
  outbox.markFailed(failed.id, "email: connect ECONNREFUSED 127.0.0.1:1", new Date(Date.now() + 3_600_000));
  outbox.markFailed(failed.id, "email: connect ECONNREFUSED 127.0.0.1:2", new Date(Date.now() + 3_600_000));
  const done = outbox.enqueue("report:2026-11-29:email", { kind: "report", report: report("Yesterday"), via: "email" });
  outbox.markDelivered(done.id, "email");
  store.close();
  const run = async (...argv: string[]) => {
    const c = captureOutput();
    const code = await runCli(argv, { env, out: c.out, io: { input: new PassThrough(), output: new PassThrough() } });
    return { code, stdout: c.stdout, stderr: c.stderr };
  };
  const withStore = <T>(fn: (s: ReturnType<typeof openStore>) => T): T => {
    const s = openStore(dataDir);
    try {
      return fn(s);
    } finally {
      s.close();
    }
  };
  return { run, sink, withStore };
}

describe("oyster outbox", () => {
  it("shows counts by status and channel and the oldest waiting item with its last error; exit 1 while one has failed", async () => {
    const { run } = await sandbox();
    const r = await run("outbox", "--json");
    assert.equal(r.code, 1, r.stderr);
    const data = JSON.parse(r.stdout);
    assert.deepEqual(data.counts, { pending: 1, sending: 0, delivered: 1 });
    assert.deepEqual(data.byChannel, [
      { status: "delivered", channel: "email", count: 1, failing: 0 },
      { status: "pending", channel: "email", count: 1, failing: 1 },
    ]);
    assert.equal(data.oldest.key, "report:2026-11-30:email");
    assert.equal(data.oldest.attempts, 2);
    assert.ok(data.oldest.ageSeconds >= 590);
    assert.equal(data.oldest.lastError, "email: connect ECONNREFUSED 127.0.0.1:2");
    const text = await run("outbox");
    assert.match(text.stdout, /oldest waiting: report:2026-11-30:email \(report, pending\), 10m old, 2 attempts/);
  });

  it("retry makes the failed item due now, the CLI delivers it before exiting, and the run is audited", async () => {
    const { run, sink, withStore } = await sandbox();
    const r = await run("outbox", "retry");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1 item brought forward, 1 due now; this command delivers them/);
    await waitUntil(() => sink.messages.length === 1, "the retried report by email");
    assert.equal(sink.messages[0]!.key, "report:2026-11-30:email");
    assert.equal(withStore((s) => new Outbox(s.db).get("report:2026-11-30:email")?.status), "delivered");
    const audit = withStore((s) => s.audit.since(new Date(0)));
    assert.deepEqual(audit.map((a) => [a.command, a.decision, a.outcome]), [["outbox", "allowed", "ok"]]);
    const again = await run("outbox", "retry", "--json");
    assert.deepEqual(JSON.parse(again.stdout), { retried: 0, due: 0, deliveringHere: false });
  });

  it("refuses an unknown subcommand (exit 2)", async () => {
    const { run } = await sandbox();
    const r = await run("outbox", "flush");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a subcommand; the one is retry/);
  });
});

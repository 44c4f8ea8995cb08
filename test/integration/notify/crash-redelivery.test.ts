import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { after, before, describe, it } from "node:test";
import { FAILURES_BEFORE_PAUSE } from "../../../src/notify/deliverer.ts";
import { Outbox } from "../../../src/notify/outbox.ts";
import { openStore } from "../../../src/store/index.ts";
import { SmtpSink } from "../../helpers/smtp-sink.ts";
import { spawnTsx } from "../../helpers/spawn-tsx.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const FIXTURE = "test/helpers/fixtures/deliver-and-crash.ts";
const COUNT = 8;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** One life of the "bot": queues COUNT alerts and delivers them by email; see the fixture. */
async function runBot(dataDir: string, smtpUrl: string, crashAfter: number, retryMs = 30_000): Promise<Run> {
  const child: ChildProcess = spawnTsx(FIXTURE, [dataDir, smtpUrl, String(COUNT), String(crashAfter), String(retryMs)]);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c) => (stdout += String(c)));
  child.stderr!.on("data", (c) => (stderr += String(c)));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  return { code, signal, stdout, stderr };
}

const keyOf = (i: number) => `alert:A${i}:raised:2026-03-01T10:00:00.000Z`;

describe("a crash between sending and recording", () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await SmtpSink.start();
  });
  after(async () => {
    await sink.stop();
  });

  for (const crashAfter of [1, 3, COUNT]) {
    it(`repeats at most the one message in flight (SIGKILL after send ${crashAfter} of ${COUNT}); nothing is lost`, async () => {
      sink.messages.length = 0;
      const dir = tmpDir();
      const crashed = await runBot(dir, sink.url(), crashAfter);
      assert.equal(crashed.signal, "SIGKILL", `the fixture was to kill itself: ${crashed.stderr}`);
      assert.equal(sink.messages.length, crashAfter, "every send before the kill reached the SMTP server");

      const restarted = await runBot(dir, sink.url(), 0);
      assert.equal(restarted.code, 0, restarted.stderr);
      assert.deepEqual(JSON.parse(restarted.stdout.trim()).counts, { pending: 0, sending: 0, delivered: COUNT });

      const counts = sink.countByKey();
      for (let i = 1; i <= COUNT; i++) assert.ok(counts.get(keyOf(i)), `message ${i} arrived`);
      assert.equal(counts.size, COUNT);
      const twice = [...counts].filter(([, n]) => n > 1);
      assert.deepEqual(twice, [[keyOf(crashAfter), 2]], "only the message in flight at the kill came twice");
      assert.equal(sink.messages.length, COUNT + 1);
      // The duplicate carries the same Message-ID, so mail clients that de-duplicate show it once.
      const ids = sink.messages.filter((m) => m.key === keyOf(crashAfter)).map((m) => m.headers.get("message-id"));
      assert.equal(ids[0], ids[1]);
    });
  }

  it("waits in the outbox while SMTP is down, and after a restart delivers each message once", async () => {
    sink.messages.length = 0;
    const dir = tmpDir();
    await sink.stop();
    const down = await runBot(dir, sink.url(), 0, 1_000);
    assert.equal(down.code, 0, down.stderr);
    assert.deepEqual(JSON.parse(down.stdout.trim()).counts, { pending: COUNT, sending: 0, delivered: 0 });
    // The first few were tried and refused; the rest waited with them rather than each timing out.
    const store = openStore(dir);
    const outbox = new Outbox(store.db);
    const tried = outbox.list({ status: "pending" }).filter((e) => e.attempts > 0);
    assert.equal(tried.length, FAILURES_BEFORE_PAUSE);
    assert.ok(tried.every((e) => /ECONNREFUSED/.test(e.lastError ?? "")));
    // The next life delivers only what is due: wait out the 1 s retry delay the failures set.
    await waitUntil(() => (outbox.nextDueAt()?.getTime() ?? 0) <= Date.now(), "the failed messages to fall due again");
    store.close();

    await sink.restart();
    const up = await runBot(dir, sink.url(), 0, 1_000);
    assert.equal(up.code, 0, up.stderr);
    assert.deepEqual(JSON.parse(up.stdout.trim()).counts, { pending: 0, sending: 0, delivered: COUNT });
    assert.deepEqual([...sink.countByKey().values()], Array(COUNT).fill(1));
  });
});

// heartbeat.jobs in the bot: the real scheduler runs jobs and a ping stand-in on loopback records
// what each run sent; heartbeat.url stays the guardian's.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { heartbeatTargets, heartbeatUrl, jobHeartbeat } from "../../../src/http/heartbeat.ts";
import { Scheduler, type Job } from "../../../src/scheduler.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("a heartbeat per job", () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.end("OK");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it("pings each job's own URL after its scheduled runs: /fail for a failed one, {status} as up or down, heartbeat.url for the guardian", async () => {
    const dir = tmpDir();
    mkdirSync(join(dir, "config"));
    const heartbeat = { url: `${base}/guardian-check`, jobs: { backup: `${base}/backup-check/`, monitor: `${base}/push/mon?status={status}&ping=` } };
    writeFileSync(join(dir, "config", "oyster.json"), JSON.stringify({ heartbeat }));
    const config = loadConfig({ dir: join(dir, "config") }).config;
    const store = openStore(dir);
    const { log } = memoryLogger("warn");
    const hb = jobHeartbeat({ targets: heartbeatTargets(config, { withGuardianUrl: true }), log });
    const outcomes: Record<string, boolean[]> = { guardian: [true], backup: [true, false], monitor: [false, true], sync: [true] };
    const job = (name: string): Job => ({ name, description: "", changesNodes: false, schedule: () => ({ everySeconds: 3600 }), run: async () => ({ ok: outcomes[name]!.shift()!, summary: "" }) });
    const s = new Scheduler(["guardian", "backup", "monitor", "sync"].map(job), { config, store, log, ssh: createSshPool(config, log), dataDir: dir, notifier: { notify: async () => {} }, owner: "bot", afterRun: hb.afterRun });
    for (const name of ["guardian", "backup", "backup", "monitor", "monitor", "sync"]) {
      await s.runJob(name, "schedule");
      // afterRun was told as the run settled (its reaction comes first); its ping is in flight.
      await hb.settled();
    }
    assert.deepEqual(hits, ["GET /guardian-check", "GET /backup-check/", "GET /backup-check/fail", "GET /push/mon?status=down&ping=", "GET /push/mon?status=up&ping="]);
    store.close();
  });

  it("gives `oyster run` the per-job URLs only (heartbeat.url stays the bot's), and pings a URL under both keys once", () => {
    const targets = (heartbeat: unknown, withGuardianUrl: boolean) => {
      const dir = tmpDir();
      mkdirSync(join(dir, "config"));
      writeFileSync(join(dir, "config", "oyster.json"), JSON.stringify({ heartbeat }));
      return heartbeatTargets(loadConfig({ dir: join(dir, "config") }).config, { withGuardianUrl }).map((t) => `${t.job} ${t.url}`);
    };
    const both = { url: "https://hc-ping.com/bot", jobs: { guardian: "https://hc-ping.com/g", sync: "https://hc-ping.com/s" } };
    assert.deepEqual(targets(both, true), ["guardian https://hc-ping.com/bot", "guardian https://hc-ping.com/g", "sync https://hc-ping.com/s"]);
    assert.deepEqual(targets(both, false), ["guardian https://hc-ping.com/g", "sync https://hc-ping.com/s"]);
    assert.deepEqual(targets({ url: "https://hc-ping.com/g", jobs: { guardian: "https://hc-ping.com/g" } }, true), ["guardian https://hc-ping.com/g"]);
  });

  it("replaces every {status} in the configured string, and appends nothing then", () => {
    assert.equal(heartbeatUrl("https://kuma.example/api/push/Kx81?status={status}&msg=OK", false), "https://kuma.example/api/push/Kx81?status=down&msg=OK");
    assert.equal(heartbeatUrl("https://kuma.example/{status}/x?s={status}", true), "https://kuma.example/up/x?s=up");
    assert.equal(heartbeatUrl("https://hc-ping.com/x", false), "https://hc-ping.com/x/fail");
  });
});

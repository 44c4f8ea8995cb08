// The guardian's heartbeat through the real scheduler and a heartbeat stand-in on loopback.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { guardianHeartbeat, heartbeatUrl } from "../../../src/http/heartbeat.ts";
import { Scheduler, type Job } from "../../../src/scheduler.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

describe("guardian heartbeat", () => {
  let server: Server;
  let url: string;
  const hits: string[] = [];
  let hang = false;

  before(async () => {
    server = createServer((req, res) => {
      hits.push(req.method + " " + req.url);
      if (hang) return; // never answers
      res.end("OK");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping/abc-123`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  function schedulerWith(results: boolean[], timeoutMs = 10_000) {
    const dir = tmpDir();
    const config = loadConfig({ dir: `${dir}/config` }).config;
    const store = openStore(dir);
    const mem = memoryLogger("warn");
    const hb = guardianHeartbeat({ url, log: mem.log, timeoutMs });
    const job = (name: string): Job => ({ name, description: "", changesNodes: false, schedule: () => ({ everySeconds: 3600 }), run: async () => ({ ok: name === "guardian" ? (results.shift() ?? true) : false, summary: "" }) });
    const s = new Scheduler([job("guardian"), job("backup")], { config, store, log: mem.log, ssh: createSshPool(config, mem.log), dataDir: dir, notifier: { notify: async () => {} }, owner: "test", afterRun: hb.afterRun });
    return { s, hb, mem, store };
  }

  it("pings after every completed guardian run, /fail for a failed one, and nothing for other jobs", async () => {
    hits.length = 0;
    hang = false;
    const { s, hb, store } = schedulerWith([true, false]);
    await s.runJob("guardian", "manual");
    await s.runJob("backup", "manual");
    await s.runJob("guardian", "manual");
    await waitUntil(() => hits.length >= 2 || undefined, "two pings");
    await hb.settled();
    assert.deepEqual(hits, ["GET /ping/abc-123", "GET /ping/abc-123/fail"]);
    store.close();
  });

  it("a hung heartbeat URL does not hold the run: the run returns at once, the ping gives up at its timeout and is logged", async () => {
    hits.length = 0;
    hang = true;
    const { s, hb, mem, store } = schedulerWith([true], 300);
    const t0 = performance.now();
    const outcome = await s.runJob("guardian", "manual");
    assert.ok(outcome.ran && outcome.result.ok);
    assert.ok(performance.now() - t0 < 300, "the run did not wait for the ping");
    await hb.settled();
    assert.equal(hits.length, 1);
    assert.match(mem.lines.join(""), /heartbeat ping failed/);
    assert.doesNotMatch(mem.lines.join(""), /abc-123/, "the check's URL is not logged");
    store.close();
  });

  it("appends /fail once, whatever the trailing slash", () => {
    assert.equal(heartbeatUrl("https://hc-ping.com/x/", false), "https://hc-ping.com/x/fail");
    assert.equal(heartbeatUrl("https://hc-ping.com/x", true), "https://hc-ping.com/x");
  });
});

// The HTTP endpoint is bounded: sockets that never send a request are closed after 10 s, no more
// than 64 are held at once, and /healthz writes state.db at most once per 10 s however often it is asked.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { startHttpEndpoint } from "../../../src/http/server.ts";
import { HTTP_LIMITS } from "../../../src/http/server-limits.ts";
import { startHttpOnConfig } from "../../../src/http/start-http.ts";
import { cachedWriteProbe } from "../../../src/http/write-probe.ts";
import { BotPresence } from "../../../src/store/bot-presence.ts";
import { openStore } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { freePorts } from "../../helpers/rig/free-ports.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

/**
 * Raw TCP sockets that connect and send nothing; each records when the server closed it. They
 * read what comes (the server's 408), else the server's FIN would sit unread and "close" never fire.
 */
function idleSockets(port: number, n: number): { sockets: Socket[]; closedAt: number[] } {
  const closedAt: number[] = [];
  const opened = performance.now();
  const sockets = Array.from({ length: n }, () => {
    const s = connect(port, "127.0.0.1");
    s.on("error", () => {});
    s.resume();
    s.on("close", () => closedAt.push(performance.now() - opened));
    return s;
  });
  return { sockets, closedAt };
}

describe("the HTTP endpoint's bounds", () => {
  it("100 sockets that never send a request: those beyond 64 are closed at once, the rest within ~10 s (default limits)", async () => {
    const mem = memoryLogger("warn");
    const health = () => ({ healthy: true, problems: [], jobs: {} });
    const endpoint = await startHttpEndpoint({ host: "127.0.0.1", port: 0, log: mem.log, health, metrics: { contentType: "text/plain", text: async () => "" } });
    after(() => endpoint.close());
    const { sockets, closedAt } = idleSockets(endpoint.port, 100);
    await waitUntil(() => closedAt.length >= 100 - HTTP_LIMITS.maxConnections || undefined, "the connections beyond the limit closed", 2_000);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(closedAt.length, 100 - HTTP_LIMITS.maxConnections, "the 64 within the limit are still held before the timeout");
    await waitUntil(() => closedAt.length === 100 || undefined, "every idle socket closed", 13_000);
    assert.ok(Math.max(...closedAt) <= 12_000, `last closed after ${Math.round(Math.max(...closedAt))} ms`);
    assert.ok(closedAt.filter((t) => t > 1_000).every((t) => t >= 9_000), "the held ones lasted the 10 s a request may take");
    assert.match(mem.lines.join(""), /HTTP endpoint at its connection limit: connections refused/);
    for (const s of sockets) s.destroy();
    // Freed, the endpoint serves again.
    assert.equal((await fetch(`http://127.0.0.1:${endpoint.port}/healthz`)).status, 200);
  });

  it("N GETs of /healthz within 10 s write state.db once; the write's result is what each answers", async () => {
    const dir = tmpDir();
    const [port] = await freePorts(1);
    writeFileSync(join(dir, "oyster.json"), JSON.stringify({ http: { port } }));
    const config = loadConfig({ dir, env: { HOME: dir } }).config;
    const store = openStore(join(dir, "data"));
    const presence = new BotPresence(store.db);
    presence.start();
    let writes = 0;
    const probeWrite = () => {
      writes++;
      presence.beat();
    };
    const endpoint = await startHttpOnConfig({ runtime: { config, store, log: memoryLogger("silent").log, now: () => new Date() }, jobs: ["guardian"], probeWrite });
    assert.ok(endpoint);
    after(async () => {
      await endpoint.close();
      presence.stop();
      store.close();
    });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await fetch(`http://127.0.0.1:${endpoint.port}/healthz`)).status);
    assert.deepEqual(new Set(statuses), new Set([200]));
    assert.equal(writes, 1);
  });

  it("cachedWriteProbe: writes again once the window has passed, and a failed write is reported until the next try", () => {
    let t = 0;
    let calls = 0;
    let fail = false;
    const probe = cachedWriteProbe(() => {
      calls++;
      if (fail) throw new Error("attempt to write a readonly database");
    }, { everyMs: 10_000, now: () => t });
    probe();
    t = 9_999;
    probe();
    assert.equal(calls, 1);
    t = 10_000;
    fail = true;
    assert.throws(probe, /readonly database/);
    fail = false;
    t = 15_000;
    assert.throws(probe, /readonly database/, "the failure stands for its window");
    assert.equal(calls, 2);
    t = 20_000;
    probe();
    assert.equal(calls, 3);
  });
});

// `oyster run backup` through the real bin in its own process, with heartbeat.jobs.backup pointing
// at a ping stand-in on loopback: a good backup pings the URL, a backup that fails for real (its
// dispatch.db is not a database) pings `<url>/fail`, and the process sends the ping before it exits.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createContractDb } from "../../helpers/fixtures/dispatch-dbs.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const CHECK = "5f1c3b9e-7a2d-4c61-9e0b-2d8f6a4c1e77";

function sandbox(pingUrl: string, db: "good" | "corrupt") {
  const dir = tmpDir();
  const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH, LOG_LEVEL: "error" };
  const dispatchDir = join(dir, "dispatch");
  mkdirSync(env.OYSTER_CONFIG_DIR);
  mkdirSync(dispatchDir);
  if (db === "good") createContractDb(join(dispatchDir, "dispatch.db"));
  else writeFileSync(join(dispatchDir, "dispatch.db"), "this is not an SQLite database, whatever its name says\n".repeat(200));
  writeFileSync(join(env.OYSTER_CONFIG_DIR, "oyster.json"), JSON.stringify({ dispatch: { dir: dispatchDir }, heartbeat: { jobs: { backup: pingUrl } } }));
  return env;
}

describe("oyster run <job> and heartbeat.jobs", () => {
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

  it("`oyster run backup` pings the backup's URL once, and a failing backup pings <url>/fail", async () => {
    hits.length = 0;
    const ok = await runOyster(["run", "backup", "--json"], sandbox(`${base}/ping/${CHECK}`, "good"));
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.equal(JSON.parse(ok.stdout).outcome, "ok");
    // Recorded before the process exited: the CLI waits for its ping.
    assert.deepEqual(hits, [`GET /ping/${CHECK}`]);

    hits.length = 0;
    const failed = await runOyster(["run", "backup", "--json"], sandbox(`${base}/ping/${CHECK}`, "corrupt"));
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
    assert.equal(JSON.parse(failed.stdout).outcome, "failed");
    assert.deepEqual(hits, [`GET /ping/${CHECK}/fail`]);
  });

  it("puts up or down where the URL says {status} (Uptime Kuma's push), instead of appending /fail", async () => {
    hits.length = 0;
    const url = `${base}/api/push/Kx81pq?status={status}&msg=backup`;
    assert.equal((await runOyster(["run", "backup"], sandbox(url, "good"))).code, 0);
    assert.equal((await runOyster(["run", "backup"], sandbox(url, "corrupt"))).code, 1);
    assert.deepEqual(hits, ["GET /api/push/Kx81pq?status=up&msg=backup", "GET /api/push/Kx81pq?status=down&msg=backup"]);
  });
});

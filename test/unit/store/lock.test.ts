import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OysterError } from "../../../src/errors.ts";
import { openStore } from "../../../src/store/index.ts";
import { exitOf, spawnTsx, waitForOutput } from "../../helpers/spawn-tsx.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const FIXTURE = "test/helpers/fixtures/hold-lock.ts";

describe("state.db lock", () => {
  it("says busy, naming the holder, while another process holds it", async () => {
    const dir = tmpDir();
    const child = spawnTsx(FIXTURE, [dir, "job:guardian", "forever"]);
    try {
      await waitForOutput(child, "held");
      const store = openStore(dir);
      await assert.rejects(store.lock("job:guardian", { label: "cli:test", waitMs: 0 }), (err: OysterError) => {
        assert.equal(err.code, "Busy");
        assert.match(err.message, /held by fixture \(pid \d+/);
        return true;
      });
      store.close();
    } finally {
      child.kill("SIGKILL");
      await exitOf(child);
    }
  });

  it("waits briefly and takes the lock when the other process releases it", async () => {
    const dir = tmpDir();
    const child = spawnTsx(FIXTURE, [dir, "job:sync", "700"]);
    await waitForOutput(child, "held");
    const store = openStore(dir);
    const lock = await store.lock("job:sync", { label: "cli:test", waitMs: 10_000 });
    lock.release();
    store.close();
    assert.equal(await exitOf(child), 0);
  });

  it("takes over a lock whose holder on this host has died", async () => {
    const dir = tmpDir();
    const child = spawnTsx(FIXTURE, [dir, "job:backup", "forever"]);
    await waitForOutput(child, "held");
    child.kill("SIGKILL");
    await exitOf(child);
    const store = openStore(dir);
    const lock = await store.lock("job:backup", { label: "cli:test", waitMs: 0 });
    lock.release();
    store.close();
  });

  it("takes over a lock whose lease ran out (a holder on another host)", async () => {
    const store = openStore(tmpDir());
    let now = 1_000_000;
    const first = await store.lock("x", { label: "a", host: "elsewhere", pid: 1, leaseMs: 1000, now: () => now });
    await assert.rejects(store.lock("x", { label: "b", waitMs: 0, now: () => now }), { code: "Busy" });
    now += 1001;
    const second = await store.lock("x", { label: "b", waitMs: 0, now: () => now });
    first.release(); // the old holder's release must not free the new holder's lock
    await assert.rejects(store.lock("x", { label: "c", waitMs: 0, now: () => now }), { code: "Busy" });
    second.release();
    store.close();
  });
});

import assert from "node:assert/strict";
import { existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { knownHostsLockPath, withKnownHostsLock } from "../../../src/ssh/known-hosts-lock.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("the known_hosts lock", () => {
  it("is held while the work runs and gone afterwards, even when the work throws", async () => {
    const file = join(tmpDir(), "known_hosts");
    const lock = knownHostsLockPath(file);
    assert.equal(await withKnownHostsLock(file, () => readFileSync(lock, "utf8")), `${process.pid}\n`);
    assert.equal(existsSync(lock), false);
    await assert.rejects(withKnownHostsLock(file, () => { throw new Error("boom"); }), /boom/);
    assert.equal(existsSync(lock), false);
  });

  it("gives up on a lock another process holds, without running the work or touching its lock", async () => {
    const file = join(tmpDir(), "known_hosts");
    const lock = knownHostsLockPath(file);
    writeFileSync(lock, "4242\n");
    let ran = false;
    let waited = 0;
    await assert.rejects(withKnownHostsLock(file, () => (ran = true), { waitMs: 150, onWait: () => waited++ }), (err: Error & { code?: string }) => {
      assert.equal(err.code, "Busy");
      assert.match(err.message, /known_hosts left unchanged/);
      return true;
    });
    assert.equal(ran, false);
    assert.equal(waited, 1);
    assert.equal(readFileSync(lock, "utf8"), "4242\n");
  });

  it("takes over a lock left by a process that died holding it", async () => {
    const file = join(tmpDir(), "known_hosts");
    const lock = knownHostsLockPath(file);
    writeFileSync(lock, "4242\n");
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    assert.equal(await withKnownHostsLock(file, () => "done", { waitMs: 1_000, staleMs: 10_000 }), "done");
    assert.equal(existsSync(lock), false);
  });
});

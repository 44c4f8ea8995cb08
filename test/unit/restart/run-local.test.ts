import assert from "node:assert/strict";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runLocal } from "../../../src/restart/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const env = { PATH: process.env.PATH, GREETING: "hi" };
const opts = (cwd: string, timeoutMs = 5000) => ({ cwd, env, timeoutMs, maxOutputBytes: 1024 });

// A killed child whose parent shell is gone may linger as a zombie until init reaps it.
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

describe("runLocal", () => {
  it("runs in the given dir with the given env, keeping stdout, stderr and the exit code", async () => {
    const dir = tmpDir();
    const r = await runLocal('pwd; echo "$GREETING"; echo oops >&2; exit 7', opts(dir));
    assert.equal(r.code, 7);
    assert.equal(r.stdout, `${realpathSync(dir)}\nhi\n`);
    assert.equal(r.stderr, "oops\n");
    assert.equal(r.timedOut, false);
  });

  it("keeps the tail of a long output", async () => {
    const r = await runLocal("seq 1 2000", opts(tmpDir()));
    assert.equal(r.truncated, true);
    assert.ok(r.stdout.endsWith("1999\n2000\n"));
    assert.ok(Buffer.byteLength(r.stdout) <= 1024);
  });

  it("returns when the shell exits even if a started background process keeps the output open, and leaves it running", async () => {
    const dir = tmpDir();
    const r = await runLocal("sleep 30 & echo $! > bg.pid; echo started", opts(dir));
    // Waiting for the 30 s sleep would have hit the 5 s timeout instead.
    assert.equal(r.timedOut, false);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "started\n");
    const pid = Number(readFileSync(join(dir, "bg.pid"), "utf8"));
    assert.ok(alive(pid), "the background process survives");
    process.kill(pid, "SIGKILL");
  });

  it("stops the shell and its children at the timeout", async () => {
    const dir = tmpDir();
    const r = await runLocal("sleep 30 & echo $! > bg.pid; wait", opts(dir, 300));
    assert.equal(r.timedOut, true);
    assert.equal(r.code, null);
    const pid = Number(readFileSync(join(dir, "bg.pid"), "utf8"));
    await waitUntil(() => !alive(pid), "the background child to be killed");
  });

  it("reports a missing working dir as a failure, not a crash", async () => {
    const r = await runLocal("true", opts(join(tmpDir(), "gone")));
    assert.equal(r.code, null);
    assert.match(r.stderr, /cannot run \/bin\/sh/);
  });
});

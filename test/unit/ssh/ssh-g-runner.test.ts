import assert from "node:assert/strict";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { batchRunner } from "../../../src/ssh/ssh-g-runner.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

/** A PATH whose only `ssh` is the given shell script. */
function fakeSsh(script: string): NodeJS.ProcessEnv {
  const dir = tmpDir("oyster-fake-ssh-");
  writeFileSync(join(dir, "ssh"), `#!/bin/sh\n${script}\n`);
  chmodSync(join(dir, "ssh"), 0o755);
  return { PATH: `${dir}:/usr/bin:/bin` };
}

describe("the ssh -G batch runner", () => {
  it("answers one reply per request, in request order, from the ssh on PATH", () => {
    const replies = batchRunner({ env: fakeSsh('echo "args $*"') })([["-G", "a"], ["-G", "b"], ["-G", "c"]]);
    assert.deepEqual(replies.map((r) => r.ok && r.stdout), ["args -G a\n", "args -G b\n", "args -G c\n"]);
  });

  it("reports an ssh that fails as exit, with its stderr", () => {
    const [r] = batchRunner({ env: fakeSsh('echo "Bad configuration option: x" >&2; exit 255') })([["-G", "a"]]);
    assert.equal(r!.ok, false);
    assert.deepEqual(!r!.ok && [r!.reason, r!.stderr], ["exit", "Bad configuration option: x\n"]);
  });

  it("kills an ssh that hangs after timeoutMs and reports a timeout", () => {
    const [r] = batchRunner({ env: fakeSsh("exec sleep 30"), timeoutMs: 200 })([["-G", "a"]]);
    assert.deepEqual(!r!.ok && r!.reason, "timeout");
  });

  it("reports no ssh on PATH as missing", () => {
    const [r] = batchRunner({ env: { PATH: tmpDir("oyster-empty-path-") } })([["-G", "a"]]);
    assert.deepEqual(!r!.ok && r!.reason, "missing");
  });

  it("runs at most `concurrency` ssh processes at once", () => {
    const log = join(tmpDir("oyster-ssh-conc-"), "log");
    // Each fake ssh logs its start and end (the log replayed gives the most running at once); the
    // first ones wait, polling, until three have started, so running three together is not luck.
    const env = fakeSsh(`echo + >> ${log}; i=0; while [ "$(grep -c + ${log})" -lt 3 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done; echo - >> ${log}`);
    const replies = batchRunner({ env, concurrency: 3 })(Array.from({ length: 9 }, (_, i) => ["-G", `n${i}`]));
    assert.ok(replies.every((r) => r.ok));
    let running = 0;
    let most = 0;
    for (const mark of readFileSync(log, "utf8").trim().split("\n")) {
      running += mark === "+" ? 1 : -1;
      most = Math.max(most, running);
    }
    assert.equal(most, 3);
  });
});

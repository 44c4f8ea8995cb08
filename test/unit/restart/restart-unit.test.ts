import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OysterError } from "../../../src/errors.ts";
import { formatRestart, restartUnit } from "../../../src/restart/index.ts";
import type { ExecResult } from "../../../src/ssh/index.ts";

type Reply = Partial<ExecResult> | OysterError;

/** A stand-in for the pool's exec: records command lines, answers from a script. */
function fakeSsh(replies: Reply[]) {
  const calls: Array<{ node: string; command: string }> = [];
  return {
    calls,
    async exec(node: string, command: string): Promise<ExecResult> {
      calls.push({ node, command });
      const r = replies.shift() ?? {};
      if (r instanceof OysterError) throw r;
      return { node, code: 0, stdout: "", stderr: "", truncated: false, durationMs: 2, ...r };
    },
  };
}

const target = { kind: "daemon" as const, node: "node-1", unit: "agent-daemon" };

describe("restartUnit", () => {
  it("reads the state, restarts with sudo -n, reads it again: three execs on that node, unit quoted", async () => {
    const ssh = fakeSsh([{ code: 3, stdout: "inactive\n" }, {}, { stdout: "active\n" }]);
    const data = await restartUnit(ssh, target);
    assert.deepEqual(ssh.calls, [
      { node: "node-1", command: "systemctl is-active 'agent-daemon'" },
      { node: "node-1", command: "sudo -n systemctl restart 'agent-daemon'" },
      { node: "node-1", command: "systemctl is-active 'agent-daemon'" },
    ]);
    assert.equal(data.before, "inactive");
    assert.equal(data.after, "active");
    assert.equal(data.ok, true);
    assert.deepEqual(data.steps.map((s) => [s.where, s.code]), [["node-1", 3], ["node-1", 0], ["node-1", 0]]);
    assert.equal(formatRestart(data), "restart agent-daemon on node-1: ok (inactive -> active)");
  });

  it("reports a failed restart with its stderr", async () => {
    const ssh = fakeSsh([{ stdout: "active\n" }, { code: 1, stderr: "Job for agent-daemon.service failed.\n" }, { code: 3, stdout: "failed\n" }]);
    const data = await restartUnit(ssh, target);
    assert.equal(data.ok, false);
    assert.equal(data.after, "failed");
    assert.equal(
      formatRestart(data),
      "restart agent-daemon on node-1: FAILED (active -> failed)\nsudo -n systemctl restart 'agent-daemon' -> exit 1\n  stderr:\n    Job for agent-daemon.service failed.",
    );
  });

  it("is not ok when the restart exits 0 but the unit is not active after it", async () => {
    const data = await restartUnit(fakeSsh([{ stdout: "active\n" }, {}, { code: 3, stdout: "activating\n" }]), target);
    assert.equal(data.ok, false);
  });

  it("still reads the state after a restart that timed out", async () => {
    const timeout = new OysterError("SshTimeout", "node-1: command did not finish within 5000 ms");
    const ssh = fakeSsh([{ stdout: "active\n" }, timeout, { code: 3, stdout: "failed\n" }]);
    const data = await restartUnit(ssh, target);
    assert.equal(ssh.calls.length, 3);
    assert.equal(data.steps[1]!.timedOut, true);
    assert.equal(data.steps[1]!.code, null);
    assert.match(data.steps[1]!.stderr, /^SshTimeout: /);
    assert.equal(data.after, "failed");
    assert.match(formatRestart(data), /-> timed out/);
  });

  it("changes nothing and throws when the node cannot be read first", async () => {
    const ssh = fakeSsh([new OysterError("SshUnreachable", "node-1: connection refused")]);
    await assert.rejects(restartUnit(ssh, target), (e: unknown) => e instanceof OysterError && e.code === "SshUnreachable");
    assert.equal(ssh.calls.length, 1);
  });
});

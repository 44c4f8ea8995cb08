// The roll's pacing with an exec whose restarts the test finishes by hand: how many are in flight
// is then exact, not a matter of timing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OysterError } from "../../../src/errors.ts";
import { restartUnits, rollRestart, type UnitTarget } from "../../../src/restart/index.ts";
import type { ExecResult } from "../../../src/ssh/index.ts";

/** is-active answers at once; each restart waits until the test settles it (0 = ok, 1 = failed). */
function heldSsh() {
  const pending = new Map<string, (code: number) => void>();
  const calls: string[] = [];
  const state = new Map<string, string>();
  return {
    calls,
    inFlight: () => [...pending.keys()],
    settle(node: string, code = 0) {
      const done = pending.get(node);
      assert.ok(done, `${node} is not restarting`);
      pending.delete(node);
      done(code);
    },
    async exec(node: string, command: string): Promise<ExecResult> {
      calls.push(`${node}: ${command}`);
      const base = { node, stderr: "", truncated: false, durationMs: 1 };
      if (command.startsWith("systemctl is-active")) return { ...base, code: 0, stdout: `${state.get(node) ?? "active"}\n` };
      const code = await new Promise<number>((r) => pending.set(node, r));
      state.set(node, code === 0 ? "active" : "failed");
      return { ...base, code, stdout: "" };
    },
  };
}

// Lets every promise chain that can move on do so: no timer, nothing guessed.
const drain = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

const targets = (...nodes: string[]): UnitTarget[] => nodes.map((node) => ({ kind: "daemon", node, unit: "agent-daemon" }));

describe("rollRestart", () => {
  it("a node the caller cancelled before it was reached stays untouched and stops the roll; the node already done keeps its result", async () => {
    const ssh = heldSsh();
    let cancelled = false;
    const view = {
      async exec(node: string, command: string): Promise<ExecResult> {
        if (cancelled && node !== "n1") throw new OysterError("Cancelled", `cancelled before reaching ${node}`, { node });
        return ssh.exec(node, command);
      },
    };
    const done = rollRestart(view, targets("n1", "n2", "n3"));
    await drain();
    cancelled = true;
    ssh.settle("n1");
    const entries = await done;
    assert.deepEqual(entries.map((e) => [e.node, e.status, e.after ?? null, e.error ?? null]), [["n1", "ok", "active", null], ["n2", "untouched", null, null], ["n3", "untouched", null, null]]);
    assert.ok(!ssh.calls.some((c) => c.startsWith("n2") || c.startsWith("n3")), "n2 and n3 were never reached");
  });

  it("with parallel 2 has at most two restarts in flight, starting the next as one finishes", async () => {
    const ssh = heldSsh();
    const done = rollRestart(ssh, targets("n1", "n2", "n3", "n4"), { parallel: 2 });
    await drain();
    assert.deepEqual(ssh.inFlight(), ["n1", "n2"]);
    assert.ok(!ssh.calls.some((c) => c.startsWith("n3") || c.startsWith("n4")), "n3 and n4 not started");
    ssh.settle("n2");
    await drain();
    assert.deepEqual(ssh.inFlight(), ["n1", "n3"]);
    ssh.settle("n1");
    await drain();
    assert.deepEqual(ssh.inFlight(), ["n3", "n4"]);
    ssh.settle("n3");
    ssh.settle("n4");
    assert.deepEqual((await done).map((e) => [e.node, e.status]), [["n1", "ok"], ["n2", "ok"], ["n3", "ok"], ["n4", "ok"]]);
  });

  it("one at a time by default: the next node is not touched until the one before settled", async () => {
    const ssh = heldSsh();
    const done = rollRestart(ssh, targets("n1", "n2", "n3"));
    for (const n of ["n1", "n2", "n3"]) {
      await drain();
      assert.deepEqual(ssh.inFlight(), [n]);
      ssh.settle(n);
    }
    assert.ok((await done).every((e) => e.status === "ok"));
  });

  it("the first failure stops the roll: the node in flight beside it finishes, no new one starts", async () => {
    const ssh = heldSsh();
    const done = rollRestart(ssh, targets("n1", "n2", "n3", "n4"), { parallel: 2 });
    await drain();
    ssh.settle("n2", 1);
    await drain();
    assert.deepEqual(ssh.inFlight(), ["n1"], "n3 not started after n2 failed");
    ssh.settle("n1");
    const entries = await done;
    assert.deepEqual(entries.map((e) => [e.node, e.status, e.after]), [["n1", "ok", "active"], ["n2", "failed", "failed"], ["n3", "untouched", undefined], ["n4", "untouched", undefined]]);
    assert.ok(!ssh.calls.some((c) => c.startsWith("n3") || c.startsWith("n4")));
  });

  it("a node that cannot be read first is a failure with its error, and stops the roll", async () => {
    const calls: string[] = [];
    const ssh = {
      async exec(node: string, command: string): Promise<ExecResult> {
        calls.push(`${node}: ${command}`);
        if (node === "n1") throw new OysterError("SshUnreachable", "n1: connection refused");
        return { node, code: 0, stdout: "active\n", stderr: "", truncated: false, durationMs: 1 };
      },
    };
    const entries = await rollRestart(ssh, targets("n1", "n2"));
    assert.deepEqual(entries[0], { node: "n1", unit: "agent-daemon", status: "failed", steps: [], error: { code: "SshUnreachable", message: "n1: connection refused" } });
    assert.deepEqual(entries[1], { node: "n2", unit: "agent-daemon", status: "untouched" });
    assert.deepEqual(calls, ["n1: systemctl is-active 'agent-daemon'"]);
  });
});

describe("restartUnits", () => {
  it("restarts one node's units in order, each checked, and stops at the first that fails", async () => {
    const calls: string[] = [];
    const ssh = {
      async exec(node: string, command: string): Promise<ExecResult> {
        calls.push(command);
        const bad = command.includes("'b'");
        return { node, code: bad && command.startsWith("sudo") ? 1 : 0, stdout: bad ? "failed\n" : "active\n", stderr: "", truncated: false, durationMs: 1 };
      },
    };
    const entries = await restartUnits(ssh, "n1", ["a", "b", "c"]);
    assert.deepEqual(entries.map((e) => [e.node, e.unit, e.status]), [["n1", "a", "ok"], ["n1", "b", "failed"], ["n1", "c", "untouched"]]);
    assert.deepEqual(calls.filter((c) => c.startsWith("sudo")), ["sudo -n systemctl restart 'a'", "sudo -n systemctl restart 'b'"]);
  });
});

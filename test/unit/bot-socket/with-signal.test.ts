// The pool as one request through the bot sees it: once the caller cancels, nothing new starts
// (no exec, no channel, no node of a fan-out not yet begun), while the pool itself, shared with
// the bot's jobs and other requests, goes on untouched.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OysterError } from "../../../src/errors.ts";
import type { SshPool } from "../../../src/ssh/index.ts";
import { withSignal } from "../../../src/ssh/with-signal.ts";

/** A pool that records what reached it; forEach runs the nodes one by one, as concurrency 1 would. */
function fakePool() {
  const calls: string[] = [];
  const pool = {
    marker: "the pool's own field",
    nodeNames: ["node-1", "node-2", "node-3"],
    target(name: string) {
      return { name, self: this === pool };
    },
    async exec(name: string, command: string, options?: unknown) {
      calls.push(`exec ${name} ${command} ${JSON.stringify(options ?? null)}`);
      return { code: 0, stdout: "", stderr: "", durationMs: 1 };
    },
    async client(name: string, asker?: unknown) {
      calls.push(`client ${name} ${JSON.stringify(asker ?? null)}`);
      return {};
    },
    async forEach(names: readonly string[], fn: (t: { name: string }) => Promise<unknown>) {
      const out = [];
      for (const name of names) {
        try {
          out.push({ node: name, ok: true, value: await fn({ name }) });
        } catch (err) {
          out.push({ node: name, ok: false, error: err as OysterError });
        }
      }
      return out;
    },
  };
  return { pool: pool as unknown as SshPool, calls };
}

describe("withSignal", () => {
  it("before the signal aborts: every call reaches the pool with all its arguments", async () => {
    const { pool, calls } = fakePool();
    const view = withSignal(pool, new AbortController().signal);
    await view.exec("node-1", "uptime", { timeoutMs: 5 });
    await view.client("node-2", { probe: true });
    const outcomes = await view.forEach(["node-1", "node-3"], async (t) => view.exec(t.name, "true"));
    assert.deepEqual(outcomes.map((o) => [o.node, o.ok]), [["node-1", true], ["node-3", true]]);
    assert.deepEqual(calls, ['exec node-1 uptime {"timeoutMs":5}', 'client node-2 {"probe":true}', "exec node-1 true null", "exec node-3 true null"]);
  });

  it("after it aborts: exec and client fail as Cancelled without reaching the pool", async () => {
    const { pool, calls } = fakePool();
    const controller = new AbortController();
    const view = withSignal(pool, controller.signal);
    controller.abort();
    await assert.rejects(view.exec("node-1", "uptime"), (e: OysterError) => e.code === "Cancelled" && e.exitCode === 3 && /node-1/.test(e.message));
    await assert.rejects(view.client("node-2"), (e: OysterError) => e.code === "Cancelled");
    assert.deepEqual(calls, []);
  });

  it("a fan-out cancelled midway: the nodes already done keep their results, the rest fail as Cancelled and are never reached", async () => {
    const { pool, calls } = fakePool();
    const controller = new AbortController();
    const view = withSignal(pool, controller.signal);
    const outcomes = await view.forEach(["node-1", "node-2", "node-3"], async (t) => {
      const r = await view.exec(t.name, "restart");
      if (t.name === "node-1") controller.abort();
      return r.code;
    });
    assert.deepEqual(outcomes.map((o) => [o.node, o.ok, o.ok ? null : o.error.code]), [["node-1", true, null], ["node-2", false, "Cancelled"], ["node-3", false, "Cancelled"]]);
    assert.deepEqual(calls, ["exec node-1 restart null"]);
  });

  it("a node the request already reached finishes its own steps after the abort (the restart's is-active); a node not reached yet is refused", async () => {
    const { pool, calls } = fakePool();
    const controller = new AbortController();
    const view = withSignal(pool, controller.signal);
    await view.exec("node-1", "systemctl restart agent-daemon");
    controller.abort();
    await view.exec("node-1", "systemctl is-active agent-daemon");
    await assert.rejects(view.exec("node-2", "systemctl restart agent-daemon"), (e: OysterError) => e.code === "Cancelled");
    assert.deepEqual(calls, ["exec node-1 systemctl restart agent-daemon null", "exec node-1 systemctl is-active agent-daemon null"]);
  });

  it("the pool itself is untouched: a cancelled request's view does not stop another's, nor the pool", async () => {
    const { pool, calls } = fakePool();
    const cancelled = new AbortController();
    cancelled.abort();
    await assert.rejects(withSignal(pool, cancelled.signal).exec("node-1", "a"));
    await withSignal(pool, new AbortController().signal).exec("node-1", "b");
    await pool.exec("node-1", "c");
    assert.deepEqual(calls, ["exec node-1 b null", "exec node-1 c null"]);
  });

  it("everything else is the pool's own: fields read through, methods run on the pool itself", () => {
    const { pool } = fakePool();
    const view = withSignal(pool, new AbortController().signal);
    assert.equal((view as unknown as { marker: string }).marker, "the pool's own field");
    assert.deepEqual(view.nodeNames, ["node-1", "node-2", "node-3"]);
    assert.deepEqual(view.target("node-2"), { name: "node-2", self: true });
  });
});

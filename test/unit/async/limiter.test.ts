import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Limiter } from "../../../src/async/limiter.ts";
import { OysterError } from "../../../src/errors.ts";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const settled = () => new Promise((r) => setImmediate(r));

describe("Limiter", () => {
  it("runs at most max at once and gives a freed slot to the longest waiter, not a newcomer", async () => {
    const limiter = new Limiter({ max: 2, waitMs: 60_000, what: "things" });
    const gates = ["a", "b", "c", "d"].map(() => deferred());
    const started: string[] = [];
    const runs = ["a", "b", "c", "d"].map((label, i) => limiter.run(label, async () => { started.push(label); await gates[i]!.promise; return label; }));
    await settled();
    assert.deepEqual([started, limiter.running, limiter.waiting], [["a", "b"], ["a", "b"], 2]);
    gates[1]!.resolve();
    await runs[1];
    await settled();
    assert.deepEqual([started, limiter.running, limiter.waiting], [["a", "b", "c"], ["a", "c"], 1]);
    // A newcomer queues behind d even though nothing else is waiting for it.
    const e = limiter.run("e", async () => { started.push("e"); });
    gates[0]!.resolve();
    await runs[0];
    await settled();
    assert.deepEqual(started, ["a", "b", "c", "d"]);
    gates[2]!.resolve();
    gates[3]!.resolve();
    assert.deepEqual(await Promise.all([runs[2], runs[3], e]), ["c", "d", undefined]);
    assert.deepEqual([limiter.running, limiter.waiting], [[], 0]);
  });

  it("refuses a caller who waited waitMs without a slot as Busy (exit 1), naming what holds the slots", async () => {
    const limiter = new Limiter({ max: 1, waitMs: 50, what: "controller processes" });
    const gate = deferred();
    const holder = limiter.run("dispatch status", () => gate.promise);
    let ran = false;
    await assert.rejects(limiter.run("dispatch start web", async () => { ran = true; }), (err: unknown) => {
      assert.ok(err instanceof OysterError);
      assert.equal(err.code, "Busy");
      assert.equal(err.exitCode, 1);
      assert.match(err.message, /^busy: 1 controller processes already running \(dispatch status\); dispatch start web waited 0\.1 s and did not start/);
      return true;
    });
    assert.equal(ran, false);
    assert.equal(limiter.waiting, 0, "the refused caller left the queue");
    gate.resolve();
    await holder;
    await limiter.run("later", async () => { ran = true; });
    assert.equal(ran, true, "the slot is free again");
  });

  it("frees the slot when the work throws", async () => {
    const limiter = new Limiter({ max: 1, waitMs: 50, what: "things" });
    await assert.rejects(limiter.run("bad", async () => { throw new Error("boom"); }), /boom/);
    assert.deepEqual(limiter.running, []);
    assert.equal(await limiter.run("next", async () => 7), 7);
  });
});

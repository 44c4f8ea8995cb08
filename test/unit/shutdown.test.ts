import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";
import { ABANDON_EXIT_CODE, handleShutdownSignals } from "../../src/shutdown.ts";
import { memoryLogger } from "../helpers/quiet-log.ts";

function setup(running: string[] = []) {
  const proc = new EventEmitter();
  const { log, lines } = memoryLogger("info");
  let open!: () => void;
  let fail!: (err: Error) => void;
  const drains: string[] = [];
  const exits: number[] = [];
  const drain = (signal: NodeJS.Signals) => {
    drains.push(signal);
    return new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  };
  const shutdown = handleShutdownSignals({ proc, drain, runningJobs: () => running, log, exit: (code) => void exits.push(code) });
  return { proc, lines, drains, exits, shutdown, finishDrain: () => open(), failDrain: (e: Error) => fail(e) };
}

describe("shutdown signals", () => {
  it("starts the drain on the first SIGTERM and resolves 0 once it finishes", async () => {
    const s = setup();
    s.proc.emit("SIGTERM");
    assert.deepEqual(s.drains, ["SIGTERM"]);
    assert.match(s.lines.join(""), /INFO stopping: letting running jobs finish \(SIGINT again exits at once\) signal=SIGTERM/);
    s.finishDrain();
    assert.equal(await s.shutdown.drained, 0);
    assert.deepEqual(s.exits, []);
    s.shutdown.uninstall();
  });

  it("starts the drain on the first SIGINT as well", async () => {
    const s = setup();
    s.proc.emit("SIGINT");
    assert.deepEqual(s.drains, ["SIGINT"]);
    s.finishDrain();
    assert.equal(await s.shutdown.drained, 0);
    s.shutdown.uninstall();
  });

  it("does not cut the drain short on further SIGTERMs, saying it is already stopping", async () => {
    const s = setup(["guardian"]);
    s.proc.emit("SIGTERM");
    s.proc.emit("SIGTERM");
    s.proc.emit("SIGTERM");
    assert.deepEqual(s.drains, ["SIGTERM"], "one drain, not three");
    assert.deepEqual(s.exits, []);
    assert.equal(s.lines.filter((l) => l.includes("already stopping: SIGTERM does not cut the drain short")).length, 2);
    s.finishDrain();
    assert.equal(await s.shutdown.drained, 0);
    assert.deepEqual(s.exits, []);
    s.shutdown.uninstall();
  });

  it("exits at once with 130 on a second SIGINT, naming the jobs it abandons", () => {
    const s = setup(["guardian", "backup"]);
    s.proc.emit("SIGINT");
    s.proc.emit("SIGINT");
    assert.equal(ABANDON_EXIT_CODE, 130);
    assert.deepEqual(s.exits, [130]);
    const line = s.lines.find((l) => l.includes("SIGINT again while stopping")) ?? "";
    assert.match(line, /WARN SIGINT again while stopping: exiting at once; the abandoned jobs' runs stay marked running/);
    assert.match(line, /abandoned=\["guardian","backup"\]/);
    assert.match(line, /exitCode=130/);
    s.shutdown.uninstall();
  });

  it("exits at once on SIGINT during a drain that SIGTERM started", () => {
    const s = setup([]);
    s.proc.emit("SIGTERM");
    s.proc.emit("SIGINT");
    assert.deepEqual(s.exits, [130]);
    assert.match(s.lines.join(""), /exiting at once; no job was running/);
    s.shutdown.uninstall();
  });

  it("resolves 1 and logs the error when the drain throws", async () => {
    const s = setup();
    s.proc.emit("SIGTERM");
    s.failDrain(new Error("state.db is gone"));
    assert.equal(await s.shutdown.drained, 1);
    assert.match(s.lines.join(""), /ERROR stop failed err=state\.db is gone/);
    s.shutdown.uninstall();
  });

  it("keeps listening after the first signal and removes both listeners on uninstall", () => {
    const s = setup();
    s.proc.emit("SIGTERM");
    assert.equal(s.proc.listenerCount("SIGTERM"), 1);
    assert.equal(s.proc.listenerCount("SIGINT"), 1);
    s.shutdown.uninstall();
    assert.equal(s.proc.listenerCount("SIGTERM"), 0);
    assert.equal(s.proc.listenerCount("SIGINT"), 0);
  });
});

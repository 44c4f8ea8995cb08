import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OysterError } from "../../../src/errors.ts";
import { watcherUnit } from "../../../src/restart/index.ts";

describe("watcherUnit", () => {
  it("takes the only -watcher entry, whatever its name", () => {
    assert.equal(watcherUnit("node-1", ["agent-daemon", "gpu-watcher"]), "gpu-watcher");
    assert.equal(watcherUnit("node-1", ["node-1-watcher.service"]), "node-1-watcher.service");
  });

  it("among several, takes <node>-watcher", () => {
    assert.equal(watcherUnit("node-1", ["gpu-watcher", "node-1-watcher", "agent-daemon"]), "node-1-watcher");
  });

  it("defaults to <node>-watcher when none is listed", () => {
    assert.equal(watcherUnit("node-2", ["agent-daemon"]), "node-2-watcher");
    assert.equal(watcherUnit("node-2", []), "node-2-watcher");
  });

  it("refuses to guess among several that are not <node>-watcher, listing them", () => {
    assert.throws(
      () => watcherUnit("node-1", ["gpu-watcher", "disk-watcher"]),
      (e: unknown) => e instanceof OysterError && e.code === "UnknownService" && e.exitCode === 2 && /gpu-watcher, disk-watcher/.test(e.message) && /restart service node-1 <unit>/.test(e.message),
    );
  });
});

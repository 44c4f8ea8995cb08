import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Config } from "../../../src/config/index.ts";
import { OysterError } from "../../../src/errors.ts";
import { resolveUnits, unitsSchema } from "../../../src/units/status-args.ts";

const config = { nodes: [{ name: "node-1", services: ["agent-daemon", "node-1-watcher"] }, { name: "node-2", services: [] }] } as unknown as Config;
const lookup = (n: string) => {
  if (!config.nodes.some((x) => x.name === n)) throw new OysterError("UnknownNode", `unknown node "${n}"`);
};

describe("units arguments", () => {
  it("takes a node, an optional unit and --lines (default 50, 1 to 1000, only with a unit)", () => {
    assert.deepEqual(unitsSchema.parse({ _: ["node-1"] }), { node: "node-1", unit: null, lines: 50 });
    assert.deepEqual(unitsSchema.parse({ _: ["node-1", "agent-daemon"], lines: "5" }), { node: "node-1", unit: "agent-daemon", lines: 5 });
    for (const bad of [{ _: [] }, { _: ["node-1", "a", "b"] }, { _: ["node-1", "a"], lines: "0" }, { _: ["node-1", "a"], lines: "1001" }, { _: ["node-1", "a"], lines: "ten" }, { _: ["node-1"], lines: "5" }, { _: ["-x"] }]) {
      assert.equal(unitsSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });

  it("reads every listed unit, or the one named when it is listed", () => {
    assert.deepEqual(resolveUnits(config, lookup, { node: "node-1", unit: null, lines: 50 }), ["agent-daemon", "node-1-watcher"]);
    assert.deepEqual(resolveUnits(config, lookup, { node: "node-1", unit: "node-1-watcher", lines: 50 }), ["node-1-watcher"]);
    assert.deepEqual(resolveUnits(config, lookup, { node: "node-2", unit: null, lines: 50 }), []);
  });

  it("refuses an unlisted unit, shell syntax included, naming the listed ones (exit 2)", () => {
    assert.throws(() => resolveUnits(config, lookup, { node: "node-1", unit: "x;id", lines: 50 }), (e: OysterError) => {
      assert.equal(e.code, "UnknownService");
      assert.equal(e.exitCode, 2);
      assert.match(e.message, /does not list "x;id".*listed: agent-daemon, node-1-watcher/);
      return true;
    });
    assert.throws(() => resolveUnits(config, lookup, { node: "ghost", unit: null, lines: 50 }), { code: "UnknownNode" });
  });
});

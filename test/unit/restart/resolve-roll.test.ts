// A roll is settled against nodes.json before any plan or command: which nodes, in what order,
// each one's unit, and every refusal (exit 2) naming what does not fit.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { OysterError, type ErrorCode } from "../../../src/errors.ts";
import { resolveRoll, type RollArgs } from "../../../src/restart/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function setup(nodes: Array<{ name: string; services?: string[]; tags?: string[] }>) {
  const root = tmpDir();
  const dir = join(root, "config");
  mkdirSync(dir);
  writeFileSync(join(dir, "nodes.json"), JSON.stringify({ nodes }));
  const config = loadConfig({ dir, env: { HOME: root } }).config;
  const lookup = (name: string) => {
    if (!config.nodes.some((n) => n.name === name)) throw new OysterError("UnknownNode", `unknown node "${name}" (known: ${config.nodes.map((n) => n.name).join(", ")})`);
  };
  return { config, lookup };
}

const FLEET = setup([
  { name: "gpu-1", services: ["agent-daemon", "gpu-1-watcher", "gpu-exporter"], tags: ["gpu", "eu"] },
  { name: "cpu-1", services: ["agent-daemon", "cpu-1-watcher"], tags: ["cpu"] },
  { name: "gpu-2", services: ["agent-daemon", "w-watcher"], tags: ["gpu"] },
  { name: "gpu-3", services: ["agent-daemon"], tags: ["gpu"] },
]);

const roll = (a: Partial<RollArgs> & Pick<RollArgs, "kind">) => resolveRoll(FLEET.config, FLEET.lookup, { nodes: [], parallel: 1, ...a });

function fails(fn: () => unknown, code: ErrorCode, message: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof OysterError && e.code === code && e.exitCode === (code === "NotConfigured" ? 1 : 2) && message.test(e.message));
}

describe("resolveRoll", () => {
  it("--tag takes the tagged nodes in nodes.json order, and only those", () => {
    const r = roll({ kind: "daemon", tag: "gpu" });
    assert.deepEqual(r.nodes, ["gpu-1", "gpu-2", "gpu-3"].map((node) => ({ kind: "daemon", node, unit: "agent-daemon" })));
    assert.equal(r.tag, "gpu");
  });

  it("--all takes every node; named nodes keep the order they were named in", () => {
    assert.deepEqual(roll({ kind: "daemon", all: true }).nodes.map((t) => t.node), ["gpu-1", "cpu-1", "gpu-2", "gpu-3"]);
    assert.deepEqual(roll({ kind: "daemon", nodes: ["gpu-3", "cpu-1"] }).nodes.map((t) => t.node), ["gpu-3", "cpu-1"]);
  });

  it("gives each node its own watcher", () => {
    assert.deepEqual(roll({ kind: "watcher", tag: "gpu" }).nodes.map((t) => t.unit), ["gpu-1-watcher", "w-watcher", "gpu-3-watcher"]);
  });

  it("refuses a tag no node has, naming the tags nodes.json has", () => {
    fails(() => roll({ kind: "daemon", tag: "tpu" }), "InvalidArgument", /^no node has the tag "tpu" \(tags in nodes\.json: cpu, eu, gpu\)$/);
  });

  it("refuses a service that some nodes do not list, naming exactly those nodes", () => {
    fails(() => roll({ kind: "service", tag: "gpu", unit: "gpu-exporter" }), "UnknownService", /^"gpu-exporter" is not in the services of gpu-2, gpu-3 \(nodes\.json\)/);
    fails(() => roll({ kind: "service", nodes: ["gpu-1", "cpu-1"], unit: "gpu-exporter" }), "UnknownService", /of cpu-1 \(/);
    assert.deepEqual(roll({ kind: "service", tag: "eu", unit: "gpu-exporter" }).nodes, [{ kind: "service", node: "gpu-1", unit: "gpu-exporter" }]);
  });

  it("refuses an unknown named node, and --parallel above the node count", () => {
    fails(() => roll({ kind: "daemon", nodes: ["gpu-1", "gpu-9"] }), "UnknownNode", /unknown node "gpu-9"/);
    fails(() => roll({ kind: "daemon", tag: "gpu", parallel: 4 }), "InvalidArgument", /^--parallel 4 is more than the 3 nodes in this roll$/);
    assert.equal(roll({ kind: "daemon", tag: "gpu", parallel: 3 }).parallel, 3);
  });

  it("refuses a watcher roll over a node whose watcher is ambiguous, naming it", () => {
    const s = setup([{ name: "a", services: ["x-watcher", "y-watcher"] }, { name: "b" }]);
    assert.throws(() => resolveRoll(s.config, s.lookup, { kind: "watcher", nodes: [], all: true, parallel: 1 }), (e: unknown) => e instanceof OysterError && e.code === "UnknownService" && /^a lists several watcher units/.test(e.message));
  });

  it("--all over an empty fleet is not configured (exit 1), never a crash", () => {
    const s = setup([]);
    assert.throws(() => resolveRoll(s.config, s.lookup, { kind: "daemon", nodes: [], all: true, parallel: 1 }), (e: unknown) => e instanceof OysterError && e.code === "NotConfigured" && e.exitCode === 1);
  });
});

import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { OysterError, type ErrorCode } from "../../../src/errors.ts";
import { resolveTarget } from "../../../src/restart/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function setup(opts: { projects?: string[]; dispatchDir?: boolean; daemonUnit?: string } = {}) {
  const root = tmpDir();
  const dispatch = join(root, "dispatch");
  if (opts.dispatchDir !== false) mkdirSync(dispatch);
  const dir = join(root, "config");
  mkdirSync(dir);
  const nodes = [
    { name: "node-1", services: ["agent-daemon", "node-1-watcher", "gpu-exporter"] },
    { name: "node-2", services: [] },
  ];
  writeFileSync(join(dir, "nodes.json"), JSON.stringify({ nodes }));
  writeFileSync(join(dir, "projects.json"), JSON.stringify({ projects: (opts.projects ?? ["oyster-web", "api"]).map((name) => ({ name, extra: 1 })) }));
  const systemd = opts.daemonUnit ? { daemonUnit: opts.daemonUnit } : {};
  writeFileSync(join(dir, "oyster.json"), JSON.stringify({ dispatch: { dir: dispatch }, systemd }));
  const config = loadConfig({ dir, env: { HOME: root } }).config;
  const looked: string[] = [];
  const lookup = (name: string) => {
    looked.push(name);
    if (!config.nodes.some((n) => n.name === name)) throw new OysterError("UnknownNode", `unknown node "${name}" (known: node-1, node-2)`);
  };
  return { config, lookup, looked, dispatch };
}

function fails(fn: () => unknown, code: ErrorCode, listing: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof OysterError);
    assert.equal(e.code, code);
    assert.match(e.message, listing);
    return true;
  });
}

describe("resolveTarget", () => {
  it("resolves the daemon unit from systemd.daemonUnit", () => {
    const s = setup({ daemonUnit: "agentd" });
    assert.deepEqual(resolveTarget(s.config, s.lookup, { kind: "daemon", node: "node-2" }), { kind: "daemon", node: "node-2", unit: "agentd" });
    assert.deepEqual(s.looked, ["node-2"]);
  });

  it("resolves the watcher from the node's services, or the conventional name", () => {
    const s = setup();
    assert.equal((resolveTarget(s.config, s.lookup, { kind: "watcher", node: "node-1" }) as { unit: string }).unit, "node-1-watcher");
    assert.equal((resolveTarget(s.config, s.lookup, { kind: "watcher", node: "node-2" }) as { unit: string }).unit, "node-2-watcher");
  });

  it("accepts only a unit the node lists, and otherwise lists the valid ones", () => {
    const s = setup();
    assert.deepEqual(resolveTarget(s.config, s.lookup, { kind: "service", node: "node-1", unit: "gpu-exporter" }), { kind: "service", node: "node-1", unit: "gpu-exporter" });
    fails(() => resolveTarget(s.config, s.lookup, { kind: "service", node: "node-1", unit: "sshd" }), "UnknownService", /listed: agent-daemon, node-1-watcher, gpu-exporter/);
    fails(() => resolveTarget(s.config, s.lookup, { kind: "service", node: "node-2", unit: "agent-daemon" }), "UnknownService", /listed: none; add them to nodes\.json/);
  });

  it("refuses an unknown node through the pool's look-up", () => {
    const s = setup();
    fails(() => resolveTarget(s.config, s.lookup, { kind: "daemon", node: "node-9" }), "UnknownNode", /known: node-1, node-2/);
  });

  it("resolves a project in projects.json to the dispatch dir, and lists projects otherwise", () => {
    const s = setup();
    assert.deepEqual(resolveTarget(s.config, s.lookup, { kind: "dispatch", project: "api" }), { kind: "dispatch", project: "api", dir: s.dispatch });
    fails(() => resolveTarget(s.config, s.lookup, { kind: "dispatch", project: "web" }), "UnknownProject", /known: oyster-web, api/);
    const empty = setup({ projects: [] });
    fails(() => resolveTarget(empty.config, empty.lookup, { kind: "dispatch", project: "web" }), "UnknownProject", /known: none in projects\.json/);
  });

  it("says not configured when dispatch.dir does not exist", () => {
    const s = setup({ dispatchDir: false });
    fails(() => resolveTarget(s.config, s.lookup, { kind: "dispatch", project: "api" }), "NotConfigured", /dispatch\.dir .* does not exist/);
    rmSync(s.dispatch, { recursive: true, force: true });
  });
});

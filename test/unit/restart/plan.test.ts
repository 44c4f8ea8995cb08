import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { OysterError } from "../../../src/errors.ts";
import { restartPlan } from "../../../src/restart/index.ts";
import type { ExecResult } from "../../../src/ssh/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function config(oyster: Record<string, unknown> = {}) {
  const dir = tmpDir();
  writeFileSync(join(dir, "oyster.json"), JSON.stringify(oyster));
  return loadConfig({ dir, env: { HOME: dir } }).config;
}

function ssh(answer: Partial<ExecResult> | OysterError) {
  const calls: string[] = [];
  return {
    calls,
    async exec(node: string, command: string): Promise<ExecResult> {
      calls.push(`${node}: ${command}`);
      if (answer instanceof OysterError) throw answer;
      return { node, code: 0, stdout: "", stderr: "", truncated: false, durationMs: 1, ...answer };
    },
  };
}

describe("restartPlan", () => {
  it("says what will run on which node, with the unit's state now (a read-only look)", async () => {
    const s = ssh({ stdout: "active\n" });
    const plan = await restartPlan({ config: config(), ssh: s }, { kind: "daemon", node: "node-1", unit: "agent-daemon" });
    assert.deepEqual(s.calls, ["node-1: systemctl is-active 'agent-daemon'"]);
    assert.equal(plan.summary, "restart agent-daemon (the agent daemon) on node-1");
    assert.deepEqual(plan.steps, ["on node-1: sudo -n systemctl restart 'agent-daemon' (now active)", "then on node-1: systemctl is-active 'agent-daemon' to confirm"]);
  });

  it("still plans when the node cannot be read now, saying so", async () => {
    const plan = await restartPlan({ config: config(), ssh: ssh(new OysterError("SshUnreachable", "node-2: connection refused")) }, { kind: "watcher", node: "node-2", unit: "node-2-watcher" });
    assert.match(plan.steps[0]!, /\(state unknown: node-2: connection refused\)$/);
  });

  it("shows dispatch's stop and start lines as they will run, touching no node", async () => {
    const dir = join(tmpDir(), "dispatch");
    mkdirSync(dir);
    const s = ssh({});
    const plan = await restartPlan({ config: config({ dispatch: { dir, stopCommand: "./ctl stop {project}" } }), ssh: s }, { kind: "dispatch", project: "web", dir });
    assert.equal(s.calls.length, 0);
    assert.equal(plan.summary, `restart dispatch for project web, on the controller in ${dir}`);
    assert.deepEqual(plan.steps, ["on the controller: ./ctl stop 'web'", "then on the controller: python3 dispatch.py start 'web'"]);
  });
});

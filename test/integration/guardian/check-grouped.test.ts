// `oyster check` on 20 real rig nodes reads at a glance: a line per check and outcome, a failure
// once with every node it hit, in the configured language, painted only on a terminal; --json
// is the same document whatever the language or --verbose.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { makeFleet, WRAPPER_V1, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";

const NOW = new Date("2026-12-07T10:00:00.000Z");
// eslint-disable-next-line no-control-regex
const ESC = /\x1b/;

/** `oyster <args>` in-process with the fleet's environment; `tty` makes stdout a terminal that wide. */
async function oyster(fleet: Fleet, args: string[], opts: { env?: NodeJS.ProcessEnv; tty?: number } = {}) {
  const c = captureOutput();
  const out = opts.tty ? { ...c.out, stdout: { ...c.out.stdout, isTTY: true, columns: opts.tty } } : c.out;
  const code = await runCli(args, { env: { ...fleet.env, ...opts.env }, out, now: () => NOW });
  return { code, stdout: c.stdout, lines: c.stdout.replace(/\n$/, "").split("\n") };
}

// A run's own timing is the one field two runs of the same command never share.
const untimed = (json: string) => json.replace(/"durationMs": ?\d+/, '"durationMs":0');

describe("check output grouped, on 20 rig nodes", () => {
  let rig: Rig;
  let en: Fleet;
  let zh: Fleet;
  before(async () => {
    rig = await startRig(20);
    // 20 cold handshakes on a busy 2-core machine can take more than the rig's 2 s: this file is
    // about what check prints, not about timeouts, so none is allowed to decide it.
    const ssh = { connectTimeoutMs: 15_000, commandTimeoutMs: 30_000 };
    en = makeFleet(rig, { ssh });
    zh = makeFleet(rig, { ssh, oyster: { locale: "zh-CN" } });
  });
  after(async () => rig?.close());

  it("prints at most 15 lines for 20 healthy nodes, the first run (dispatch.db made, 20 nodes marked online) and the next", async (t) => {
    const started = performance.now();
    const first = await oyster(en, ["check"]);
    assert.equal(first.code, 0, first.stdout);
    assert.ok(first.lines.length <= 15, `${first.lines.length} lines:\n${first.stdout}`);
    assert.ok(first.lines.includes(`dispatch: ${rig.nodes.map((n) => n.name).join(", ")} (new) -> online`), first.stdout);
    const next = await oyster(en, ["check"]);
    assert.equal(next.code, 0, next.stdout);
    assert.ok(next.lines.length <= 15, `${next.lines.length} lines:\n${next.stdout}`);
    assert.ok(next.lines.includes("wrapper_version passed on 20 nodes"), next.stdout);
    assert.ok(next.lines.includes("ssh_connection passed on 20 nodes"), next.stdout);
    assert.match(next.lines.at(-1)!, /^\d+ passed, 0 fixed, 0 failed, \d+ skipped over 20 node\(s\)$/);
    assert.doesNotMatch(next.stdout, /FAILED|node-\d+/, "a healthy fleet names no node");
    t.diagnostic(`two checks of 20 nodes: ${Math.round(performance.now() - started)} ms`);
  });

  describe("with node-2 and node-7 holding the same wrong task-wrapper.sh", () => {
    before(() => {
      for (const n of ["node-2", "node-7"]) en.putOnNode(n, "task-wrapper.sh", "#!/bin/sh\n# task-wrapper v0\n", 0o755);
    });
    after(() => {
      for (const n of ["node-2", "node-7"]) en.putOnNode(n, "task-wrapper.sh", WRAPPER_V1, 0o755);
    });

    it("says the failure once, on one line naming both nodes, and the others as passing", async () => {
      const run = await oyster(en, ["check", "--no-fix"]);
      assert.equal(run.code, 1);
      const failed = run.lines.filter((l) => l.includes("FAILED"));
      assert.equal(failed.length, 1, run.stdout);
      assert.match(failed[0]!, /^wrapper_version FAILED on node-2, node-7: task-wrapper\.sh differs \(node [0-9a-f]+, controller [0-9a-f]+\)$/);
      assert.ok(run.lines.includes("wrapper_version passed on 18 nodes"), run.stdout);
      assert.ok(run.lines.length <= 15, run.stdout);
      assert.doesNotMatch(run.stdout, /\x1b|✖|✔/, "a pipe gets no colour and no marks");
    });

    it("--verbose gives the per-node table: a row per check per node", async () => {
      const run = await oyster(en, ["check", "--no-fix", "--verbose"]);
      assert.equal(run.code, 1);
      assert.match(run.lines[0]!, /^CHECK\s+NODE\s+RESULT\s+DETAIL$/);
      for (const n of ["node-2", "node-7"]) assert.ok(run.lines.some((l) => new RegExp(`^wrapper_version\\s+${n}\\s+FAILED\\s+task-wrapper\\.sh differs`).test(l)), run.stdout);
      assert.equal(run.lines.filter((l) => /^wrapper_version\s+node-\d+\s+PASSED/.test(l)).length, 18);
    });

    it("on a colour terminal the failure is red with its mark and passes get only a green tick; NO_COLOR keeps the marks and no escape", async () => {
      const tty = await oyster(en, ["check", "wrapper_version", "--no-fix"], { tty: 200 });
      assert.match(tty.lines[0]!, /^\x1b\[1;31m✖\x1b\[0m \x1b\[1;31mwrapper_version FAILED on node-2, node-7: /);
      assert.equal(tty.lines[1], "\x1b[32m✔\x1b[0m wrapper_version passed on 18 nodes");
      const noColor = await oyster(en, ["check", "wrapper_version", "--node", "node-2", "--no-fix"], { tty: 200, env: { NO_COLOR: "1" } });
      assert.doesNotMatch(noColor.stdout, ESC);
      assert.match(noColor.lines[0]!, /^✖ wrapper_version FAILED on node-2: /);
    });
  });

  it('reads in Chinese with "locale": "zh-CN"; check names, node names and details stay as they are', async () => {
    const run = await oyster(zh, ["check"]);
    assert.equal(run.code, 0, run.stdout);
    assert.ok(run.lines.includes("db_schema 已修复（全集群）：dispatch.db does not exist; created dispatch.db at schema version 2"), run.stdout);
    assert.ok(run.lines.includes("wrapper_version 在 20 个节点上通过"), run.stdout);
    assert.match(run.lines.at(-1)!, /^通过 \d+，修复 1，失败 0，跳过 \d+，共 20 个节点$/);
    assert.doesNotMatch(run.stdout, /passed|FAILED|skipped/);
  });

  it("--json is the same document in zh-CN as in en, and with --verbose as without", async () => {
    const args = ["check", "wrapper_version", "--no-fix", "--json"];
    const enJson = (await oyster(en, args)).stdout;
    const zhJson = (await oyster(zh, args)).stdout;
    const verbose = (await oyster(en, [...args, "--verbose"])).stdout;
    assert.equal(JSON.parse(enJson).results.length, 20);
    assert.doesNotMatch(zhJson, /[\u4e00-\u9fff]/);
    assert.equal(untimed(zhJson), untimed(enJson));
    assert.equal(untimed(verbose), untimed(enJson));
  });
});

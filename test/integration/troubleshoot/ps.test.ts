// `oyster ps <node>`: one ps over the kept connection, the node's dispatch/agent/watcher processes.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { parsePs } from "../../../src/troubleshoot/node-processes.ts";
import { runCli } from "../../../src/cli.ts";
import { captureOutput } from "../../helpers/capture-output.ts";

describe("oyster ps", () => {
  let rig: Rig;
  let fleet: Fleet;
  const marker = `agent-stub-${process.pid}`;

  before(async () => {
    rig = await startRig(1);
    fleet = makeFleet(rig);
  });
  after(async () => {
    try {
      execFileSync("pkill", ["-f", marker]);
    } catch {
      // already gone
    }
    await rig?.close();
  });

  it("lists a long-running agent process started on the node, with pid, user, elapsed, CPU, memory and its command line", async () => {
    const node = rig.node("node-1");
    const script = join(node.dispatchDir, `${marker}.sh`);
    writeFileSync(script, "sleep 300\n", { mode: 0o755 });
    fleet.putOnNode("node-1", `${marker}.sh`, "sleep 300\n", 0o755);
    // Started on the node as its user, over SSH, detached from the session.
    execFileSync("ssh", ["-F", rig.sshConfigPath, "-o", `UserKnownHostsFile=${rig.knownHostsPath}`, "-o", "BatchMode=yes", "node-1", `nohup /bin/sh ${script} </dev/null >/dev/null 2>&1 &`], { timeout: 20_000 });
    const { code, doc } = await fleet.oyster(["ps", "node-1"]);
    assert.equal(code, 0);
    const mine = doc.processes.find((p: { command: string }) => p.command.includes(marker));
    assert.ok(mine, JSON.stringify(doc.processes));
    assert.equal(mine.user, rig.user);
    assert.ok(mine.pid > 1 && mine.elapsedSeconds >= 0 && mine.cpuPct >= 0 && mine.memPct >= 0);
    assert.ok(doc.total > doc.processes.length, "other processes were there and left out");
  });

  it("text output shows a process's arguments without their escape sequences or control bytes; --json keeps them, escaped", async () => {
    // procps shows control characters in arguments as "?"; BusyBox's ps (and others) print them
    // as they are. The node's ps is that kind here: a shim first on the session PATH.
    const node = rig.node("node-1");
    const args = "python3 agent.py --x \x1b]52;c;ZWNobyBvd25lZA==\x07 \x1b]2;owned\x07 \x1b[2J\x1b[Hafter\tend";
    writeFileSync(join(node.binDir, "ps-output"), `  4242 ${rig.user}        5  0.0  0.1 ${args}\n`);
    writeFileSync(join(node.binDir, "ps"), `#!/bin/sh\nexec cat ${join(node.binDir, "ps-output")}\n`, { mode: 0o755 });
    try {
      const c = captureOutput();
      const code = await runCli(["ps", "node-1"], { env: fleet.env, out: c.out });
      assert.equal(code, 0, c.stderr);
      assert.match(c.stdout, /python3 agent\.py --x  +after\tend/);
      assert.doesNotMatch(c.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      const { doc } = await fleet.oyster(["ps", "node-1"]);
      assert.equal(doc.processes[0].command, args);
    } finally {
      rmSync(join(node.binDir, "ps"));
    }
  });

  it("an unknown node is refused before anything is dialled (exit 2)", async () => {
    const { code, doc } = await fleet.oyster(["ps", "node-9"]);
    assert.equal(code, 2);
    assert.equal(doc.error.code, "UnknownNode");
  });

  it("keeps what matches dispatch|agent|watcher (any case), cuts command lines at 120 characters", () => {
    const long = `python3 /home/u/dispatch/task-watcher.py ${"x".repeat(200)}`;
    const out = [
      "  101 glm         3600  1.5  0.4 python3 dispatch.py daemon",
      "  102 glm          120  0.0  0.1 /usr/bin/Agent-Runner --node glm-2",
      "  103 glm           60  0.0  0.0 sshd: glm@notty",
      `  104 glm           10 12.0  2.0 ${long}`,
      "  105 glm            0  0.0  0.0 ps -eo pid=,user:32=,etimes=,pcpu=,pmem=,args= -ww",
    ].join("\n");
    const r = parsePs(out);
    assert.deepEqual(r.processes.map((p) => p.pid), [101, 102, 104]);
    assert.equal(r.total, 5);
    assert.equal(r.processes[2]!.command.length, 120);
    assert.deepEqual(r.processes[0], { pid: 101, user: "glm", elapsedSeconds: 3600, cpuPct: 1.5, memPct: 0.4, command: "python3 dispatch.py daemon" });
  });
});

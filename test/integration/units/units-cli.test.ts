// `oyster units` through the real bin against real sshd nodes whose systemctl and journalctl are
// the rig's stateful shims: one `systemctl show` per call, the journal scrubbed and capped, and
// names checked against the node's services before anything runs.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { runOyster } from "../../helpers/run-oyster.ts";
import { writeRigConfig } from "../../helpers/rig-config.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { logLines } from "../../helpers/unit-journal.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const KEY = "sk-provider-live-4242-abcdef";

describe("oyster units", () => {
  let rig: Rig;
  let env: NodeJS.ProcessEnv;
  let seen: number[];
  const newCalls = (i: number) => rig.nodes[i]!.calls().slice(seen[i]);
  const oyster = async (args: string[]) => {
    const r = await runOyster(args, env);
    let doc: any;
    try {
      doc = JSON.parse(r.stdout);
    } catch {
      doc = undefined;
    }
    return { ...r, doc };
  };

  before(async () => {
    rig = await startRig(2, { services: ["agent-daemon", "node-1-watcher"] });
    const dir = tmpDir();
    const configDir = join(dir, "config");
    // A provider key in the environment is a secret Oyster knows, so it is scrubbed wherever it shows.
    writeRigConfig(rig, configDir, { ssh: { connectTimeoutMs: 1500 }, oyster: { monitor: { providers: { openai: [{ label: "main", keyEnv: "SOME_PROVIDER_KEY" }] } } } });
    const nodes = [
      { name: "node-1", dispatchDir: rig.node("node-1").dispatchDir, services: ["agent-daemon", "node-1-watcher"] },
      { name: "node-2", dispatchDir: rig.node("node-2").dispatchDir, services: [] },
    ];
    writeFileSync(join(configDir, "nodes.json"), JSON.stringify({ nodes }));
    env = { PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(dir, "data"), SOME_PROVIDER_KEY: KEY };
    logLines(rig.node("node-1"), "agent-daemon", ["starting", `connected with key ${KEY}`, "picked task 17", "task 17 done"]);
  });
  after(async () => rig?.close());
  beforeEach(() => {
    seen = rig.nodes.map((n) => n.calls().length);
  });

  it("shows one unit's state and its newest journal lines, secrets scrubbed, in one show and one journalctl", async () => {
    const r = await oyster(["units", "node-1", "agent-daemon", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.doc.node, "node-1");
    assert.equal(r.doc.units.length, 1);
    const u = r.doc.units[0];
    assert.deepEqual([u.unit, u.load, u.active, u.sub, u.enabled, u.mainPid], ["agent-daemon", "loaded", "active", "running", "enabled", 4242]);
    assert.match(u.since, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(r.doc.journal.unit, "agent-daemon");
    assert.equal(r.doc.journal.lines.length, 4);
    assert.match(r.doc.journal.lines.at(-1), /task 17 done$/);
    assert.ok(!r.stdout.includes(KEY), "the key never reaches stdout");
    assert.match(r.doc.journal.lines[1], /connected with key \S+/);
    const calls = newCalls(0);
    assert.equal(calls.filter((c) => c.startsWith("systemctl show")).length, 1, calls.join("\n"));
    assert.deepEqual(calls.filter((c) => c.startsWith("journalctl")), ["journalctl -u agent-daemon -n 50 --no-pager -o short-iso"]);
    assert.equal(calls.length, 2, calls.join("\n"));
    assert.deepEqual(newCalls(1), []);
  });

  it("--lines N shows the newest N lines; the text form has a table and the journal", async () => {
    const r = await oyster(["units", "node-1", "agent-daemon", "--lines", "2"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.match(lines[0]!, /^UNIT\s+ACTIVE\s+ENABLED\s+PID\s+SINCE$/);
    assert.match(lines[1]!, /^agent-daemon\s+active \(running\)\s+enabled\s+4242\s+\d{4}-/);
    assert.match(r.stdout, /journal of agent-daemon on node-1 \(last 2 lines asked, 2 shown\):\n.*picked task 17\n.*task 17 done\n$/);
    assert.ok(!r.stdout.includes(KEY));
  });

  it("a journal's escape sequences and control bytes never reach the terminal in text; --json keeps them, escaped", async () => {
    const hostile = "clip\x1b]52;c;ZWNobyBvd25lZA==\x07 title\x1b]0;owned\x1b\\ clear\x1b[2J\x1b[H\tdone";
    logLines(rig.node("node-1"), "node-1-watcher", [hostile]);
    const text = await oyster(["units", "node-1", "node-1-watcher"]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /node-1-watcher\[4242\]: clip title clear\tdone\n$/);
    assert.doesNotMatch(text.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const json = await oyster(["units", "node-1", "node-1-watcher", "--json"]);
    assert.ok(json.doc.journal.lines.at(-1).endsWith(`node-1-watcher[4242]: ${hostile}`), json.stdout);
    assert.ok(json.stdout.includes("\\u001b]52;c;"), "escaped in the JSON text");
  });

  it("refuses a unit the node does not list, shell syntax included, naming the listed ones: exit 2, nothing run", async () => {
    for (const unit of ["x;id", "gpu-exporter"]) {
      const r = await oyster(["units", "node-1", unit, "--json"]);
      assert.equal(r.code, 2, r.stdout);
      assert.equal(r.doc.ok, false);
      assert.equal(r.doc.error.code, "UnknownService");
      assert.match(r.doc.error.message, /listed: agent-daemon, node-1-watcher/);
    }
    assert.deepEqual(newCalls(0), []);
  });

  it("refuses an unknown node and a --lines out of range with exit 2, nothing run", async () => {
    const ghost = await oyster(["units", "ghost", "--json"]);
    assert.equal(ghost.code, 2);
    assert.equal(ghost.doc.error.code, "UnknownNode");
    const many = await oyster(["units", "node-1", "agent-daemon", "--lines", "1001", "--json"]);
    assert.equal(many.code, 2);
    assert.match(many.doc.error.message, /--lines: from 1 to 1000/);
    assert.deepEqual([newCalls(0), newCalls(1)], [[], []]);
  });

  it("a node with two services shows both in one show; a failed one makes it exit 1", async () => {
    rig.node("node-1").markBroken("node-1-watcher", true);
    try {
      const r = await oyster(["units", "node-1", "--json"]);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(r.doc.units.map((u: { unit: string; active: string; mainPid: number | null }) => [u.unit, u.active, u.mainPid]), [["agent-daemon", "active", 4242], ["node-1-watcher", "failed", null]]);
      assert.equal(r.doc.journal, null);
      assert.deepEqual(newCalls(0).map((c) => c.split(" ").slice(0, 2).join(" ")), ["systemctl show"]);
      const text = await oyster(["units", "node-1"]);
      assert.match(text.stdout, /node-1-watcher\s+FAILED\s+enabled\s+-/);
    } finally {
      rig.node("node-1").markBroken("node-1-watcher", false);
    }
  });

  it("a node that lists no services says so, runs nothing, exit 0", async () => {
    const r = await oyster(["units", "node-2"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'node-2 lists no services (nodes.json "services").\n');
    assert.deepEqual(newCalls(1), []);
  });
});

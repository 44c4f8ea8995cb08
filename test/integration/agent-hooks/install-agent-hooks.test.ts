// `oyster install-agent-hooks` on real OpenSSH nodes (one login user, so each node's Claude dir is
// `<rig>/{node}/claude`): node-1 had a status line of its own, node-2's settings.json is broken,
// node-3 has a Claude dir with no settings.json, and no claude account maps to node-4. What is
// written, what is kept, what a dry run and a refusal leave alone, and what a second run touches.
import assert from "node:assert/strict";
import { chmodSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { HOOK_PY } from "../../../src/agent-hooks/claude-statusline-hook-py.ts";
import { putAgentFile } from "../../helpers/agent-files.ts";
import { makeFleet } from "../../helpers/fleet-fixture.ts";
import { inProcessCli, type InProcessCli } from "../../helpers/in-process-cli.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { runOnNode, snapshot, statusPayload } from "./claude-fixture.ts";

// The user's own line: a script that reads the payload, with both kinds of quotes in it, to show
// it is chained as data with the same stdin, never spliced into anything.
const PREVIOUS = `python3 -c 'import json,sys; d=json.load(sys.stdin); sys.stdout.write("[%s] my line in %s" % (d["model"]["display_name"], d["workspace"]["current_dir"]))'`;
const SETTINGS = { model: "opus", env: { DISABLE_TELEMETRY: "1" }, statusLine: { type: "command", command: PREVIOUS, padding: 0 }, permissions: { allow: ["Bash(npm test:*)"] } };
const nodeOf = (doc: any, node: string) => doc.nodes.find((n: { node: string }) => n.node === node);

describe("oyster install-agent-hooks (claude statusline)", () => {
  let rig: Rig;
  let cli: InProcessCli;
  const claude = (node: string, file = "") => join(rig.node(node).dir, "claude", file);
  const files = (node: string) => ["settings.json", "oyster-statusline-hook.py", "oyster-statusline.json"].map((f) => snapshot(claude(node, f)));
  let printedBefore: string;

  before(async () => {
    rig = await startRig(4);
    const fleet = makeFleet(rig, { oyster: { monitor: { agents: [{ provider: "claude", label: "max", nodes: ["node-1", "node-2", "node-3"], dir: `${rig.dir}/{node}/claude` }] } } });
    cli = inProcessCli(fleet.env);
    putAgentFile(rig.node("node-1"), "claude/settings.json", `${JSON.stringify(SETTINGS, null, 2)}\n`);
    chmodSync(claude("node-1", "settings.json"), 0o640);
    putAgentFile(rig.node("node-2"), "claude/settings.json", '{"model": "opus",\n');
    putAgentFile(rig.node("node-3"), "claude/CLAUDE.md", "# notes\n");
    printedBefore = (await runOnNode(rig, "node-1", PREVIOUS, statusPayload())).stdout;
    assert.equal(printedBefore, "[Opus] my line in /home/dev/secret-project");
  });
  after(async () => rig?.close());

  it("without a terminal and without --yes it refuses (exit 3) and writes nothing", async () => {
    const was = files("node-1");
    const { code } = await cli(["install-agent-hooks", "node-1"]);
    assert.equal(code, 3);
    assert.deepEqual(files("node-1"), was);
  });

  it("--dry-run shows per node what would change, refuses the broken node, skips the unmapped one, and writes nothing", async () => {
    const was = ["node-1", "node-2", "node-3"].map(files);
    const { code, stdout } = await cli(["install-agent-hooks", "--all", "--dry-run"]);
    assert.equal(code, 1, stdout);
    const dir1 = claude("node-1");
    assert.match(stdout, new RegExp(`^node-1: would change\\n  ${dir1} \\(claude:max\\):\\n    would install ${dir1}/oyster-statusline-hook\\.py\\n    would save the previous statusLine .*my line.* in ${dir1}/oyster-statusline\\.json\\n    would set statusLine in ${dir1}/settings\\.json: .* -> \\{"type":"command","command":"python3 ${dir1}/oyster-statusline-hook\\.py","padding":0\\}$`, "m"));
    assert.match(stdout, /^node-2: FAILED\n  \S+\/node-2\/claude \(claude:max\): \S+\/settings\.json is not valid JSON .*nothing changed$/m);
    assert.match(stdout, /^node-3: would change$/m);
    assert.match(stdout, /^node-4: no claude statusline account maps to this node$/m);
    assert.match(stdout, /dry run: nothing was written\. node-1 would-change; node-2 failed; node-3 would-change; node-4 skipped/);
    assert.deepEqual(["node-1", "node-2", "node-3"].map(files), was);
  });

  it("refuses a node whose settings.json is not valid JSON, exit 1, and changes nothing there", async () => {
    const was = files("node-2");
    const { code, doc } = await cli(["install-agent-hooks", "node-2", "--yes", "--json"]);
    assert.equal(code, 1);
    assert.equal(doc.ok, false);
    assert.equal(nodeOf(doc, "node-2").status, "failed");
    assert.match(nodeOf(doc, "node-2").error.message, /settings\.json is not valid JSON .*nothing changed/);
    assert.deepEqual(files("node-2"), was);
    assert.equal(was[1], null, "no hook was put there");
  });

  it("a dir the node's user cannot write is reported failed, exit 1, with settings.json untouched and no temp file left", async () => {
    putAgentFile(rig.node("node-2"), "claude/settings.json", '{"model": "opus"}\n');
    chmodSync(claude("node-2"), 0o555);
    try {
      const was = files("node-2");
      const { code, stdout } = await cli(["install-agent-hooks", "node-2", "--yes"]);
      assert.equal(code, 1, stdout);
      assert.match(stdout, /^node-2: FAILED\n.*\n    NOT installed .*\n    NOT saved .*\n    NOT set .*\n    FAILED: PermissionError/m);
      assert.deepEqual(files("node-2"), was);
      assert.deepEqual(readdirSync(claude("node-2")), ["settings.json"]);
    } finally {
      chmodSync(claude("node-2"), 0o755);
    }
  });

  it("installs: statusLine runs the read-only hook, settings.json keeps its other keys and mode, the previous line is saved as data; audited", async () => {
    const { code, doc } = await cli(["install-agent-hooks", "node-1", "node-3", "node-4", "--yes", "--json"]);
    assert.equal(code, 0, JSON.stringify(doc));
    assert.deepEqual(doc.nodes.map((n: { node: string; status: string }) => [n.node, n.status]), [["node-1", "changed"], ["node-3", "changed"], ["node-4", "skipped"]]);
    assert.equal(nodeOf(doc, "node-4").message, "no claude statusline account maps to this node");
    assert.deepEqual(nodeOf(doc, "node-1").dirs[0].done, ["hook", "previous", "settings"]);

    const settings = JSON.parse(readFileSync(claude("node-1", "settings.json"), "utf8"));
    const hook = claude("node-1", "oyster-statusline-hook.py");
    assert.deepEqual(settings, { ...SETTINGS, statusLine: { type: "command", command: `python3 ${hook}`, padding: 0 } });
    assert.deepEqual(Object.keys(settings), Object.keys(SETTINGS));
    assert.equal(snapshot(claude("node-1", "settings.json"))!.mode, 0o640);
    assert.deepEqual([snapshot(hook)!.text, snapshot(hook)!.mode], [HOOK_PY, 0o500]);
    assert.deepEqual(JSON.parse(readFileSync(claude("node-1", "oyster-statusline.json"), "utf8")), { version: 1, previous: SETTINGS.statusLine });

    // No settings.json before: one holding only the status line, private; nothing to chain to.
    assert.deepEqual(JSON.parse(readFileSync(claude("node-3", "settings.json"), "utf8")), { statusLine: { type: "command", command: `python3 ${claude("node-3", "oyster-statusline-hook.py")}` } });
    assert.equal(snapshot(claude("node-3", "settings.json"))!.mode, 0o600);
    assert.deepEqual(JSON.parse(readFileSync(claude("node-3", "oyster-statusline.json"), "utf8")), { version: 1, previous: null });

    const audit = (await cli(["audit", "--json"])).doc.entries.filter((e: { command: string }) => e.command === "install-agent-hooks");
    assert.ok(audit.some((e: { decision: string; outcome: string }) => e.decision === "confirmed" && e.outcome === "ok"), JSON.stringify(audit));
    assert.ok(audit.some((e: { decision: string }) => e.decision === "refused"), "the run without --yes is on record too");
  });

  it("a second run changes nothing, says so, and leaves every file byte for byte with its mtime", async () => {
    const was = ["node-1", "node-3"].map(files);
    const { code, stdout } = await cli(["install-agent-hooks", "node-1", "node-3", "--yes"]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^node-1: nothing to change$/m);
    assert.match(stdout, /node-1 unchanged; node-3 unchanged$/m);
    assert.deepEqual(["node-1", "node-3"].map(files), was);
  });

  it("the installed status line still prints what the previous one printed", async () => {
    const settings = JSON.parse(readFileSync(claude("node-1", "settings.json"), "utf8"));
    const r = await runOnNode(rig, "node-1", settings.statusLine.command, statusPayload({ five_hour: { used_percentage: 12, resets_at: 1_900_000_000 } }));
    assert.deepEqual([r.code, r.stdout], [0, printedBefore]);
    // With no previous status line it prints nothing, and succeeds.
    const n3 = JSON.parse(readFileSync(claude("node-3", "settings.json"), "utf8"));
    const r3 = await runOnNode(rig, "node-3", n3.statusLine.command, statusPayload());
    assert.deepEqual([r3.code, r3.stdout], [0, ""]);
  });

  it("keeps printing the previous line when the feed cannot be written", async () => {
    chmodSync(claude("node-1"), 0o555);
    try {
      const settings = JSON.parse(readFileSync(claude("node-1", "settings.json"), "utf8"));
      const r = await runOnNode(rig, "node-1", settings.statusLine.command, statusPayload({ five_hour: { used_percentage: 50, resets_at: 1_900_000_000 } }));
      assert.deepEqual([r.code, r.stdout], [0, printedBefore]);
      assert.match(r.stderr, /oyster-statusline-hook: cannot write the feed: PermissionError/);
      // The reading of the run before stands: the failed write left nothing half-done.
      assert.equal(JSON.parse(readFileSync(claude("node-1", "oyster-rate-limits.json"), "utf8")).rate_limits.five_hour.used_percentage, 12);
    } finally {
      chmodSync(claude("node-1"), 0o755);
    }
  });
});

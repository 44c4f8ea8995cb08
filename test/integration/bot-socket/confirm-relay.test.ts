// A state-changing command sent to the running bot still asks on the caller's terminal: the bot
// sends the plan, the CLI shows it and asks, and sends back the answer. Real bot (dist/main.js),
// real `oyster` bin (its stdin a pty when the test plays a person), real sshd nodes with the rig's
// systemctl shim, which records every restart.
import assert from "node:assert/strict";
import { userInfo } from "node:os";
import { after, before, beforeEach, describe, it } from "node:test";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { startBot, type BotProcess } from "./bot-process.ts";
import { oysterOnTerminal, stopTerminals } from "./on-terminal.ts";

const RESTART = "sudo -n systemctl restart agent-daemon";
const PLAN = [
  "restart agent-daemon (the agent daemon) on node-1",
  "  - on node-1: sudo -n systemctl restart 'agent-daemon' (now active)",
  "  - then on node-1: systemctl is-active 'agent-daemon' to confirm",
  "Proceed? [y/N] ",
].join("\n");
const WHO = `cli:${userInfo().username}`;

interface AuditEntry { who: string; via: string; command: string; args: Record<string, unknown>; decision: string; outcome: string | null }

describe("a plan relayed between the running bot and the caller's terminal", () => {
  let rig: Rig;
  let fleet: Fleet;
  let bot: BotProcess;
  let seen: Record<string, number>;
  let audited: number;
  const newCalls = (node: string) => rig.node(node).calls().slice(seen[node]);
  const auditEntries = async (): Promise<AuditEntry[]> => {
    const r = await runOyster(["audit", "--json"], fleet.env);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { entries: AuditEntry[] }).entries;
  };
  const newAudit = async () => (await auditEntries()).slice(audited);

  before(async () => {
    rig = await startRig(2);
    fleet = makeFleet(rig);
    bot = await startBot(fleet.env, fleet.dataDir.replace(/data$/, ""));
  });
  after(async () => {
    stopTerminals();
    await bot?.stop();
    await rig?.close();
  });
  beforeEach(async () => {
    seen = Object.fromEntries(rig.nodes.map((n) => [n.name, n.calls().length]));
    audited = (await auditEntries()).length;
  });

  it("the plan shows on the caller's terminal, y there runs it in the bot, and the audit says cli:<user>", async () => {
    const requests = bot.requests();
    const t = oysterOnTerminal(["restart", "daemon", "node-1"], fleet.env);
    await waitUntil(() => t.stderr().endsWith("Proceed? [y/N] ") || t.child.exitCode !== null, () => `the question; stderr so far:\n${t.stderr()}`);
    assert.equal(t.stderr(), PLAN);
    assert.equal(bot.requests(), requests + 1, `the bot took the request; it said:\n${bot.stderr()}`);
    assert.deepEqual(newCalls("node-1"), ["systemctl is-active agent-daemon"], "asked before anything changed: only the plan's read");
    t.type("y\n");
    const r = await t.done;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "restart agent-daemon on node-1: ok (active -> active)\n");
    assert.equal(r.stderr, PLAN, "nothing more on stderr after the answer");
    assert.ok(newCalls("node-1").includes(RESTART), `node-1 was restarted: ${newCalls("node-1").join(", ")}`);
    assert.deepEqual(newCalls("node-2"), []);
    // The bot ran it (its log has the restart, as cli:<user>), not the CLI after asking.
    assert.match(bot.stderr(), new RegExp(`restarted.*${WHO}|${WHO}.*restarted`));
    assert.equal(bot.requests(), requests + 1, "one request: nothing was run a second time here");
    const rows = await newAudit();
    assert.deepEqual(rows.map((e) => [e.who, e.via, e.command, e.args, e.decision, e.outcome]), [[WHO, "cli", "restart", { kind: "daemon", node: "node-1" }, "confirmed", "ok"]]);
  });

  it("n on the terminal runs nothing and exits 3, audited as cancelled", async () => {
    const requests = bot.requests();
    const t = oysterOnTerminal(["restart", "daemon", "node-1"], fleet.env);
    await waitUntil(() => t.stderr().endsWith("Proceed? [y/N] ") || t.child.exitCode !== null, () => `the question; stderr so far:\n${t.stderr()}`);
    t.type("n\n");
    const r = await t.done;
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `${PLAN}oyster: restart cancelled\n`);
    assert.equal(bot.requests(), requests + 1);
    assert.deepEqual(newCalls("node-1"), ["systemctl is-active agent-daemon"], "nothing but the plan's read");
    assert.deepEqual(newCalls("node-2"), []);
    const rows = await newAudit();
    assert.deepEqual(rows.map((e) => [e.who, e.via, e.decision, e.outcome]), [[WHO, "cli", "cancelled", "cancelled"]]);
  });

  it("the plan, the question and the refusal read the same as when the CLI runs the command itself", async () => {
    const answers: Record<string, { code: number | null; stdout: string; stderr: string }> = {};
    for (const [way, env] of [["bot", fleet.env], ["in-process", { ...fleet.env, OYSTER_NO_BOT: "1" }]] as const) {
      const requests = bot.requests();
      const t = oysterOnTerminal(["restart", "daemon", "node-1"], env);
      await waitUntil(() => t.stderr().endsWith("Proceed? [y/N] ") || t.child.exitCode !== null, () => `the question (${way}); stderr so far:\n${t.stderr()}`);
      t.type("no\n");
      const { code, stdout, stderr } = await t.done;
      answers[way] = { code, stdout, stderr };
      assert.equal(bot.requests(), requests + (way === "bot" ? 1 : 0), `who answered (${way})`);
    }
    assert.deepEqual(answers["bot"], answers["in-process"]);
    assert.deepEqual(answers["bot"], { code: 3, stdout: "", stderr: `${PLAN}oyster: restart cancelled\n` });
    assert.ok(!newCalls("node-1").includes(RESTART));
  });

  for (const json of [false, true]) {
    it(`with no terminal and no --yes it is refused, exit 3, just like in-process, and nothing runs${json ? " (--json)" : ""}`, async () => {
      const args = ["restart", "daemon", "node-1", ...(json ? ["--json"] : [])];
      const requests = bot.requests();
      const viaBot = await runOyster(args, fleet.env);
      assert.equal(bot.requests(), requests + 1, `the bot took the request; it said:\n${bot.stderr()}`);
      const inProcess = await runOyster(args, { ...fleet.env, OYSTER_NO_BOT: "1" });
      assert.equal(bot.requests(), requests + 1);
      assert.equal(viaBot.code, 3, viaBot.stderr);
      assert.equal(inProcess.code, 3, inProcess.stderr);
      assert.equal(viaBot.stdout, inProcess.stdout);
      assert.equal(viaBot.stderr, inProcess.stderr);
      if (json) assert.equal(JSON.parse(viaBot.stdout).error.code, "NotConfirmed");
      else assert.equal(viaBot.stderr, "oyster: restart changes state: confirm on a terminal or pass --yes\n");
      assert.ok(!newCalls("node-1").includes(RESTART), "nothing restarted");
      const rows = await newAudit();
      assert.deepEqual(rows.map((e) => [e.who, e.via, e.decision, e.outcome]), [[WHO, "cli", "refused", "refused"], [WHO, "cli", "refused", "refused"]]);
    });
  }

  it("--yes with no terminal runs it in the bot without asking, audited as cli:<user>", async () => {
    const requests = bot.requests();
    const r = await runOyster(["restart", "daemon", "node-2", "--yes", "--json"], fleet.env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.equal(bot.requests(), requests + 1);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual([doc.target, doc.before, doc.after, doc.ok], [{ kind: "daemon", node: "node-2", unit: "agent-daemon" }, "active", "active", true]);
    assert.ok(newCalls("node-2").includes(RESTART));
    assert.deepEqual(newCalls("node-1"), []);
    const rows = await newAudit();
    assert.deepEqual(rows.map((e) => [e.who, e.via, e.args, e.decision, e.outcome]), [[WHO, "cli", { kind: "daemon", node: "node-2" }, "confirmed", "ok"]]);
  });
});

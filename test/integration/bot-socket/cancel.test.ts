// Ctrl-C on a CLI whose request the running bot answers: the CLI exits 3 saying "cancelled" at
// once, the request's work in the bot starts nothing new (a rolling restart stops before the
// nodes it had not reached), and the bot goes on answering. Real bot, real `oyster` bin, real
// sshd nodes; a node's restart held in the rig's systemctl shim keeps the request in flight.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { userInfo } from "node:os";
import { after, before, beforeEach, describe, it } from "node:test";
import { CANCEL_GRACE_MS } from "../../../src/bot-socket/client.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { PROJECT_ROOT } from "../../helpers/spawn-tsx.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { startBot, type BotProcess } from "./bot-process.ts";
import { oysterOnTerminal, stopTerminals } from "./on-terminal.ts";

const DAEMON = "agent-daemon";
const RESTART = "sudo -n systemctl restart agent-daemon";
const WHO = `cli:${userInfo().username}`;

interface AuditEntry { who: string; command: string; args: Record<string, unknown>; decision: string; outcome: string }

/** `oyster <args>` in its own process, kept at hand to signal; stdin is no terminal. */
function spawnOyster(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [`${PROJECT_ROOT}/bin/oyster.js`, ...args], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const done = once(child, "close").then(([code]) => ({ code: code as number | null, stdout, stderr }));
  return { child, done };
}

describe("Ctrl-C on a request the running bot answers", () => {
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
  const cancelledInBot = () => bot.stderr().match(/CLI request cancelled by the caller/g)?.length ?? 0;

  /** The bot still runs and answers a request as usual. */
  async function botAnswersNormally(): Promise<void> {
    assert.equal(bot.child.exitCode, null, `the bot is still running; it said:\n${bot.stderr()}`);
    const requests = bot.requests();
    const r = await runOyster(["status", "--json"], fleet.env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).nodes.map((n: { name: string; reachable: boolean }) => [n.name, n.reachable]), rig.nodes.map((n) => [n.name, true]));
    assert.equal(bot.requests(), requests + 1, "the bot answered it");
  }

  before(async () => {
    rig = await startRig(3);
    fleet = makeFleet(rig);
    bot = await startBot(fleet.env, fleet.dataDir.replace(/data$/, ""));
  });
  after(async () => {
    stopTerminals();
    for (const n of rig?.nodes ?? []) n.holdRestarts(DAEMON, false);
    await bot?.stop();
    await rig?.close();
  });
  beforeEach(async () => {
    seen = Object.fromEntries(rig.nodes.map((n) => [n.name, n.calls().length]));
    audited = (await auditEntries()).length;
  });

  for (const how of ["SIGINT", "SIGKILL"] as const) {
    const title = how === "SIGINT"
      ? "Ctrl-C (SIGINT) during a rolling restart: exit 3 at once with \"cancelled\", the roll starts no further node, and the bot answers the next request"
      : "a CLI killed outright (kill -9) during a rolling restart cancels it too: the roll starts no further node, and the bot answers the next request";
    it(title, async () => {
      const node1 = rig.node("node-1");
      node1.holdRestarts(DAEMON, true);
      try {
        const requests = bot.requests();
        const cancelled = cancelledInBot();
        const cli = spawnOyster(["restart", "daemon", "--all", "--yes"], fleet.env);
        await waitUntil(() => node1.restartHeld(DAEMON) || cli.child.exitCode !== null, () => `node-1's restart to be in flight; the bot said:\n${bot.stderr()}`);
        assert.equal(bot.requests(), requests + 1, "the bot runs the roll");
        const signalled = performance.now();
        cli.child.kill(how);
        const r = await cli.done;
        const took = performance.now() - signalled;
        // The caller is answered while node-1's restart is still held: it did not wait for the work.
        assert.ok(node1.restartHeld(DAEMON), "node-1's restart is still in flight");
        await waitUntil(() => cancelledInBot() === cancelled + 1, () => `the bot to hear the cancel; it said:\n${bot.stderr()}`);
        if (how === "SIGINT") {
          assert.equal(r.code, 3, r.stderr);
          assert.equal(r.stdout, "");
          assert.equal(r.stderr, "oyster: restart cancelled\n");
          assert.ok(took < CANCEL_GRACE_MS, `the bot answered the cancel (${Math.round(took)} ms), the CLI did not have to give up on it`);
        }
      } finally {
        node1.holdRestarts(DAEMON, false);
      }
      // node-1's restart was on the wire and finishes; the roll then stops there.
      const rows = await waitUntil(async () => {
        const rows = (await auditEntries()).slice(audited);
        return rows.length === 1 && rows[0]!.outcome !== "started" && rows;
      }, "the roll's audit row to be finished");
      assert.deepEqual(rows.map((e) => [e.who, e.command, e.args, e.decision]), [[WHO, "restart", { kind: "daemon", all: true, parallel: 1, nodes: ["node-1", "node-2", "node-3"] }, "confirmed"]]);
      assert.notEqual(rows[0]!.outcome, "ok", "a cancelled roll is not reported as done");
      assert.ok(newCalls("node-1").includes(RESTART));
      assert.deepEqual(newCalls("node-2"), [], "no command reached node-2");
      assert.deepEqual(newCalls("node-3"), [], "no command reached node-3");
      await botAnswersNormally();
    });
  }

  it("Ctrl-C typed at the plan's question on a person's terminal: exit 3 at once with \"cancelled\", nothing runs, the screen as in-process, and the bot answers the next request", async () => {
    const screens: Record<string, { code: number | null; stdout: string; screen: string }> = {};
    for (const [way, env] of [["bot", fleet.env], ["in-process", { ...fleet.env, OYSTER_NO_BOT: "1" }]] as const) {
      const requests = bot.requests();
      // stdin and stderr on the terminal: readline asks in the terminal's raw mode and takes Ctrl-C itself.
      const t = oysterOnTerminal(["restart", "daemon", "node-2"], env, { stderrOnTerminal: true });
      await waitUntil(() => t.stderr().includes("Proceed? [y/N] ") || t.child.exitCode !== null, () => `the question (${way}); the screen so far:\n${t.stderr()}`);
      assert.equal(bot.requests(), requests + (way === "bot" ? 1 : 0), `who answered (${way})`);
      const typed = performance.now();
      t.type("\x03");
      const r = await t.done;
      const took = performance.now() - typed;
      assert.ok(took < CANCEL_GRACE_MS, `${way}: exited in ${Math.round(took)} ms`);
      screens[way] = { code: r.code, stdout: r.stdout, screen: r.stderr };
    }
    assert.deepEqual(screens["bot"], screens["in-process"]);
    assert.equal(screens["bot"]!.code, 3);
    assert.match(screens["bot"]!.screen, /Proceed\? \[y\/N\] .*oyster: restart cancelled\r\n$/);
    assert.deepEqual(newCalls("node-2"), ["systemctl is-active agent-daemon", "systemctl is-active agent-daemon"], "nothing but the plans' reads");
    const rows = (await auditEntries()).slice(audited);
    assert.deepEqual(rows.map((e) => [e.who, e.decision, e.outcome]), [[WHO, "cancelled", "cancelled"], [WHO, "cancelled", "cancelled"]]);
    await botAnswersNormally();
  });

  it("Ctrl-C as the terminal's SIGINT while the question is asked (stderr not on the terminal): exit 3 at once with \"cancelled\", nothing runs", async () => {
    const requests = bot.requests();
    const cancelled = cancelledInBot();
    const t = oysterOnTerminal(["restart", "daemon", "node-2"], fleet.env);
    await waitUntil(() => t.stderr().endsWith("Proceed? [y/N] ") || t.child.exitCode !== null, () => `the question; stderr so far:\n${t.stderr()}`);
    assert.equal(bot.requests(), requests + 1);
    const typed = performance.now();
    t.type("\x03");
    const r = await t.done;
    const took = performance.now() - typed;
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /Proceed\? \[y\/N\] \r?\n?oyster: restart cancelled\n$/);
    // Neither a wait for the bot's answer nor the question left open on stdin holds the CLI.
    assert.ok(took < CANCEL_GRACE_MS, `exited in ${Math.round(took)} ms`);
    await waitUntil(() => cancelledInBot() === cancelled + 1, () => `the bot to hear the cancel; it said:\n${bot.stderr()}`);
    assert.deepEqual(newCalls("node-2"), ["systemctl is-active agent-daemon"], "nothing but the plan's read");
    const rows = await waitUntil(async () => {
      const rows = (await auditEntries()).slice(audited);
      return rows.length > 0 && rows;
    }, "the cancelled request's audit row");
    assert.deepEqual(rows.map((e) => [e.who, e.decision, e.outcome]), [[WHO, "cancelled", "cancelled"]]);
    await botAnswersNormally();
  });
});

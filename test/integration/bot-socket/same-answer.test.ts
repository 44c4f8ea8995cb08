// One-shot CLI commands answered by the running bot over `<dataDir>/oyster.sock`, against the
// same commands run in the CLI's own process (OYSTER_NO_BOT=1): real bot (dist/main.js), real
// `oyster` bin, real sshd nodes. The bot's log counts the requests it took, so each comparison
// also proves which side answered.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { runOyster, type OysterRun } from "../../helpers/run-oyster.ts";
import { startBot, type BotProcess } from "./bot-process.ts";

/**
 * What may differ between two runs a second apart: measured timings (latencyMs, durationMs,
 * startedAt, "answers in 67 ms") and the live readings of the rig's machine (uptime, load, disk
 * and memory figures). Names, states, error codes and messages, and the shape stay exact.
 */
const MEASURED = new Set(["latencyMs", "durationMs", "startedAt", "uptimeSeconds", "load", "usedBytes", "usedPercent", "inodesUsedPercent", "availableBytes", "availablePercent"]);

function normalized(doc: unknown, key = ""): unknown {
  if (MEASURED.has(key) && doc !== null) return "<measured>";
  if (Array.isArray(doc)) return doc.map((d) => normalized(d));
  if (doc && typeof doc === "object") return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, normalized(v, k)]));
  // A check's detail quotes what it measured: "round trip in 43 ms", "22% used (22.3 of 252 GiB)".
  if (key === "detail" && typeof doc === "string") return doc.replace(/\d+(\.\d+)?/g, "N");
  return doc;
}

describe("a command answered by the running bot", () => {
  let rig: Rig;
  let fleet: Fleet;
  let bot: BotProcess;
  before(async () => {
    rig = await startRig(3);
    fleet = makeFleet(rig);
    // Stopped before the first request, so both sides meet it the same way (refused).
    await rig.node("node-3").stop();
    bot = await startBot(fleet.env, fleet.dataDir.replace(/data$/, ""));
  });
  after(async () => {
    await bot?.stop();
    await rig?.close();
  });

  /** The command through the bot, then in-process; asserts who answered each. */
  async function bothWays(args: string[]): Promise<{ viaBot: OysterRun; inProcess: OysterRun }> {
    const before = bot.requests();
    const viaBot = await runOyster(args, fleet.env);
    assert.equal(bot.requests(), before + 1, `the bot answered \`oyster ${args.join(" ")}\`; it said:\n${bot.stderr()}`);
    const inProcess = await runOyster(args, { ...fleet.env, OYSTER_NO_BOT: "1" });
    assert.equal(bot.requests(), before + 1, "OYSTER_NO_BOT=1: the bot was not asked");
    return { viaBot, inProcess };
  }

  for (const [args, code] of [
    [["status", "--json"], 1],
    [["status", "node-1", "node-2", "--json"], 0],
    [["check", "--no-fix", "--json"], 1],
    // A failed operation (the controller lacks core files): {"ok": false, "error": ...}, exit 1.
    [["sync", "node-1", "--dry-run", "--json"], 1],
    [["status", "no-such-node", "--json"], 2],
  ] as const) {
    it(`the same command gives the same --json output (apart from measured timings such as latencyMs) and the same exit code through the bot and in-process: oyster ${args.join(" ")} (exit ${code})`, async () => {
      const { viaBot, inProcess } = await bothWays([...args]);
      assert.equal(viaBot.code, code, viaBot.stderr);
      assert.equal(inProcess.code, code, inProcess.stderr);
      assert.deepEqual(normalized(JSON.parse(viaBot.stdout)), normalized(JSON.parse(inProcess.stdout)));
      assert.equal(viaBot.stderr, inProcess.stderr);
    });
  }

  it("an error in text mode is the same line on stderr, exit 2, and nothing on stdout, either way", async () => {
    const { viaBot, inProcess } = await bothWays(["status", "no-such-node"]);
    assert.equal(viaBot.code, 2);
    assert.equal(inProcess.code, 2);
    assert.match(viaBot.stderr, /^oyster: unknown node "no-such-node"/);
    assert.equal(viaBot.stderr, inProcess.stderr);
    assert.equal(viaBot.stdout, "");
    assert.equal(inProcess.stdout, "");
  });

  it("the text table is the same apart from the measured columns", async () => {
    const { viaBot, inProcess } = await bothWays(["status"]);
    assert.equal(viaBot.code, 1);
    assert.equal(inProcess.code, 1);
    // Node names, states and the down node's error, row by row; the figures are measured.
    const rows = (out: string) => out.split("\n").map((line) => line.replace(/\d+(\.\d+)?/g, "N").replace(/\s+/g, " "));
    assert.deepEqual(rows(viaBot.stdout), rows(inProcess.stdout));
    assert.match(viaBot.stdout, /^node-3\s+DOWN\s+-\s+-\s+SshUnreachable: /m);
  });

  it("help and the commands that only read state.db are not sent to the bot", async () => {
    const before = bot.requests();
    for (const args of [["help"], ["alerts", "--json"], ["jobs", "--json"], ["nodes", "--json"], ["quota", "history", "--json"]]) {
      const r = await runOyster(args, fleet.env);
      assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    }
    assert.equal(bot.requests(), before);
  });
});

// The /oyster router without Bolt: roles, confirmation, expiry and the audit trail, over a real
// state.db. (The wire protocol is tested against the Slack stand-in in test/integration/slack.)
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { z } from "zod";
import { commands as registry } from "../../../commands/index.ts";
import { defineCommand } from "../../../src/command/types.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { handleDecision, handleSlash, type SlackDeps } from "../../../src/slack/router.ts";
import { tokenize } from "../../../src/slack/tokenize.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function deps(extra: Record<string, unknown> = {}) {
  const dir = tmpDir();
  mkdirSync(join(dir, "config"));
  writeFileSync(join(dir, "config", "oyster.json"), JSON.stringify({ roles: { admins: ["UADMIN"], operators: ["UOPER"] }, ...extra }));
  const config = loadConfig({ dir: join(dir, "config") }).config;
  let now = new Date("2026-11-27T10:00:00Z");
  const store = openStore(dir, () => now);
  const { log } = memoryLogger("silent");
  let ran = 0;
  const poke = defineCommand({
    name: "poke", summary: "test: changes state", usage: "poke <word>", role: "operator", changesState: true,
    schema: z.object({ _: z.tuple([z.string().regex(/^\w+$/)]) }).transform((a) => ({ word: a._[0] })),
    plan: async (_c, a) => ({ summary: `poke ${a.word}`, steps: [`poke ${a.word} once`] }),
    run: async (_c, a) => { ran++; return { ok: true, data: { poked: a.word } }; },
    text: (d: { poked: string }) => `poked ${d.poked}`,
  });
  const d: SlackDeps = { config, store, ssh: createSshPool(config, log), log, env: {}, dataDir: dir, commands: [...registry, poke], now: () => now };
  return { d, store, ran: () => ran, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

const pendingId = (reply: { blocks: Array<Record<string, unknown>> }) =>
  ((reply.blocks.find((b) => b.type === "actions") as { elements: Array<{ value: string }> }).elements[0]!.value);

describe("/oyster router", () => {
  it("splits words like a shell, with Slack's escapes and curly quotes", () => {
    assert.deepEqual(tokenize("restart service node-1 \u2018$(touch /tmp/x)\u2019 &lt;b&gt;"), ["restart", "service", "node-1", "$(touch /tmp/x)", "<b>"]);
    assert.deepEqual(tokenize('  a "b c"  d'), ["a", "b c", "d"]);
  });

  it("answers an unknown command or bad arguments privately, with the usage line", async () => {
    const { d } = deps();
    const unknown = await handleSlash(d, { text: "frob", userId: "UV", channelId: "C1" });
    assert.equal(unknown.responseType, "ephemeral");
    assert.match(unknown.text, /unknown command "frob"/);
    const bad = await handleSlash(d, { text: "audit --since soon", userId: "UV", channelId: "C1" });
    assert.match(JSON.stringify(bad.blocks), /usage: \/oyster audit/);
  });

  it("help lists only what the caller may run, and says restore is CLI only", async () => {
    const { d } = deps();
    const viewer = await handleSlash(d, { text: "help --json", userId: "UV", channelId: "C1" });
    assert.doesNotMatch(JSON.stringify(viewer.blocks), /restore|poke <word>/);
    const restore = await handleSlash(d, { text: "restore dispatch-20261127-030000.db", userId: "UADMIN", channelId: "C1" });
    assert.match(restore.text, /runs from the CLI only/);
  });

  it("denies a viewer a state-changing command, naming the role needed, and audits it", async () => {
    const { d, store, ran } = deps();
    const reply = await handleSlash(d, { text: "poke x", userId: "UV", channelId: "C1" });
    assert.match(reply.text, /poke needs the operator role; slack:UV is viewer/);
    assert.equal(ran(), 0);
    assert.deepEqual(store.audit.since(new Date(0)).map((r) => [r.who, r.channel, r.command, r.decision]), [["slack:UV", "C1", "poke", "denied"]]);
  });

  it("posts a plan with buttons; a third user's click is refused; the requester's Confirm runs it once", async () => {
    const { d, store, ran } = deps();
    const plan = await handleSlash(d, { text: "poke x", userId: "UOPER", channelId: "C1" });
    assert.equal(plan.responseType, "in_channel");
    assert.match(JSON.stringify(plan.blocks), /poke x once.*"confirm":\{"title"/);
    const id = pendingId(plan);
    const stranger = await handleDecision(d, { action: "confirm", pendingId: id, userId: "USTRANGER", channelId: "C1" });
    assert.match(stranger.text, /Only <@UOPER> or an admin can confirm this/);
    assert.equal(ran(), 0);
    const done = await handleDecision(d, { action: "confirm", pendingId: id, userId: "UOPER", channelId: "C1" });
    assert.equal(done.replaceOriginal, true);
    assert.match(JSON.stringify(done.blocks), /poked x/);
    const again = await handleDecision(d, { action: "confirm", pendingId: id, userId: "UOPER", channelId: "C1" });
    assert.match(again.text, /already confirmed/);
    assert.equal(ran(), 1);
    assert.deepEqual(store.audit.since(new Date(0)).map((r) => [r.who, r.decision, r.outcome]), [
      ["slack:UOPER", "planned", "planned"], ["slack:USTRANGER", "denied", "denied"], ["slack:UOPER", "confirmed", "ok"],
    ]);
  });

  it("lets an admin confirm for someone else, recording who confirmed", async () => {
    const { d, store } = deps();
    const id = pendingId(await handleSlash(d, { text: "poke y", userId: "UOPER", channelId: "C1" }));
    await handleDecision(d, { action: "confirm", pendingId: id, userId: "UADMIN", channelId: "C1" });
    const row = store.audit.since(new Date(0)).find((r) => r.decision === "confirmed");
    assert.deepEqual([row?.who, row?.confirmedBy, row?.decision], ["slack:UOPER", "slack:UADMIN", "confirmed"]);
  });

  it("expires a plan after 5 minutes and audits the expiry; Cancel is audited too", async () => {
    const { d, store, ran, advance } = deps();
    const id = pendingId(await handleSlash(d, { text: "poke z", userId: "UOPER", channelId: "C1" }));
    advance(5 * 60_000 + 1);
    const late = await handleDecision(d, { action: "confirm", pendingId: id, userId: "UOPER", channelId: "C1" });
    assert.match(late.text, /expired/);
    const id2 = pendingId(await handleSlash(d, { text: "poke w", userId: "UOPER", channelId: "C1" }));
    const cancelled = await handleDecision(d, { action: "cancel", pendingId: id2, userId: "UOPER", channelId: "C1" });
    assert.match(cancelled.text, /Cancelled by <@UOPER>/);
    assert.equal(ran(), 0);
    assert.deepEqual(store.audit.since(new Date(0)).map((r) => [r.args, r.decision]), [
      [{ word: "z" }, "planned"], [{ word: "z" }, "expired"], [{ word: "w" }, "planned"], [{ word: "w" }, "cancelled"],
    ]);
  });

  it("runs check for a viewer with --no-fix", async () => {
    const { d, store } = deps();
    await handleSlash(d, { text: "check", userId: "UV", channelId: "C1" });
    const [row] = store.audit.since(new Date(0));
    assert.deepEqual([row?.command, row?.args, row?.decision], ["check", { fix: false }, "allowed"]);
  });

  it("refuses a viewer's check --rearm by role, privately and audited as denied, rather than as a usage error", async () => {
    const { d, store } = deps();
    const reply = await handleSlash(d, { text: "check --rearm ssh_connection", userId: "UV", channelId: "C1" });
    assert.equal(reply.responseType, "ephemeral");
    assert.match(reply.text, /^Unauthorized: check needs the operator role; slack:UV is viewer/);
    assert.deepEqual(store.audit.since(new Date(0)).map((r) => [r.command, r.args, r.decision]), [["check", { check: "ssh_connection", fix: true, rearm: true }, "denied"]]);
  });

  it("answers viewers only in the allowed channels, operators anywhere", async () => {
    const { d } = deps({ slack: { allowedChannels: ["COPS"] } });
    assert.match((await handleSlash(d, { text: "audit", userId: "UV", channelId: "CRANDOM" })).text, /answers viewers only in &lt;#COPS&gt;/);
    assert.doesNotMatch((await handleSlash(d, { text: "audit", userId: "UOPER", channelId: "CRANDOM" })).text, /Unauthorized/);
  });

  it("audits a viewer refused outside the allowed channels, with the channel", async () => {
    const { d, store } = deps({ slack: { allowedChannels: ["COPS"] } });
    await handleSlash(d, { text: "audit --since 1h", userId: "UV", channelId: "CRANDOM" });
    assert.deepEqual(store.audit.since(new Date(0)).map((r) => [r.who, r.channel, r.command, r.args, r.decision]), [["slack:UV", "CRANDOM", "audit", { words: ["--since", "1h"] }, "denied"]]);
  });

  it("audits a posted plan as planned, so a plan nobody clicks is on record; oyster audit shows it", async () => {
    const { d, store, ran } = deps();
    await handleSlash(d, { text: "poke q", userId: "UOPER", channelId: "C1" });
    assert.equal(ran(), 0);
    assert.deepEqual(store.audit.since(new Date(0)).map((r) => [r.who, r.channel, r.command, r.args, r.decision, r.outcome]), [["slack:UOPER", "C1", "poke", { word: "q" }, "planned", "planned"]]);
    const listed = await handleSlash(d, { text: "audit", userId: "UOPER", channelId: "C1" });
    assert.match(JSON.stringify(listed.blocks), /slack:UOPER #C1 +poke \{\\"word\\":\\"q\\"\} +planned +planned/);
  });

  it("refuses privately a Confirm by a viewer outside the allowed channels: the plan and its buttons stay, the click is audited", async () => {
    const { d, store, ran } = deps({ slack: { allowedChannels: ["COPS"] } });
    const id = pendingId(await handleSlash(d, { text: "poke v", userId: "UOPER", channelId: "CRANDOM" }));
    const refused = await handleDecision(d, { action: "confirm", pendingId: id, userId: "UV", channelId: "CRANDOM" });
    assert.equal(refused.responseType, "ephemeral");
    assert.notEqual(refused.replaceOriginal, true);
    assert.match(refused.text, /answers viewers only in/);
    assert.equal(ran(), 0);
    const rows = store.audit.since(new Date(0)).filter((r) => r.decision === "denied");
    assert.deepEqual(rows.map((r) => [r.who, r.channel, r.command, r.args]), [["slack:UV", "CRANDOM", "poke", { word: "v" }]]);
    const done = await handleDecision(d, { action: "confirm", pendingId: id, userId: "UOPER", channelId: "CRANDOM" });
    assert.match(JSON.stringify(done.blocks), /poked v/);
    assert.equal(ran(), 1);
  });
});

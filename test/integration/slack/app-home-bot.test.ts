// The compiled bot (`node dist/main.js`) end to end: its guardian stores the fleet's status, the
// Slack stand-in opens the Home over Socket Mode, and an alert the bot's own guardian raises
// re-publishes the Home of whoever opened it (main.ts hooks the Home into the bot's notifier).
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { openStore } from "../../../src/store/index.ts";
import { startBot, type BotProcess } from "../bot-socket/bot-process.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const json = (v: unknown) => JSON.stringify(v);

describe("the bot's App Home", () => {
  let rig: Rig;
  let fleet: Fleet;
  let standIn: StandIn;
  let bot: BotProcess | undefined;

  before(async () => {
    rig = await startRig(3);
    fleet = makeFleet(rig, { ssh: { connectTimeoutMs: 1500 } });
    writeFileSync(join(fleet.configDir, "guardian_config.json"), JSON.stringify({ interval_seconds: 5 }));
    standIn = await startStandIn();
  });
  after(async () => {
    await bot?.stop();
    await standIn?.close();
    await rig?.close();
  });

  it("publishes every node when Home is opened, and re-publishes it when the guardian raises an alert", async () => {
    bot = await startBot({ ...fleet.env, SLACK_BOT_TOKEN: "xoxb-home", SLACK_APP_TOKEN: "xapp-home", SLACK_API_URL: standIn.apiUrl }, fleet.dataDir.replace(/data$/, ""));
    await standIn.waitForSocket();
    const store = openStore(fleet.dataDir);
    try {
      await waitUntil(() => store.jobRuns.lastSuccess("guardian"), () => `a guardian run; the bot said:\n${bot!.stderr()}`, 30_000);
      await standIn.appHomeOpened({ user_id: "UOPS" });
      const first = await waitUntil(() => standIn.homeView("UOPS"), "the Home published to UOPS");
      assert.match(json(first.blocks), /\*Up\* \(3\): node-1, node-2, node-3/);
      assert.match(json(first.blocks), /Open alerts \(0\)/);

      await rig.node("node-3").stop();
      const alerted = await waitUntil(
        () => {
          const v = standIn.homeView("UOPS");
          return v && v.publishes > first.publishes && /Open alerts \([1-9]/.test(json(v.blocks)) ? v : undefined;
        },
        () => `the Home re-published with an alert; the bot said:\n${bot!.stderr()}`,
        60_000,
      );
      const blocks = json(alerted.blocks);
      assert.match(blocks, /on \*node-3\*/);
      assert.match(blocks, /\*Down\* \(1\): node-3/);
      // From the notifier: the coalescing delay (2 s) after the raise, not the alerts-table watch (every 30 s).
      const raisedAt = Date.parse((store.db.prepare("SELECT MIN(first_seen) AS at FROM alerts WHERE node = 'node-3'").get() as { at: string }).at);
      const publishedAt = standIn.calls.filter((c) => c.method === "views.publish" && c.body.user_id === "UOPS").at(-1)!.at;
      assert.ok(publishedAt - raisedAt < 10_000, `published ${publishedAt - raisedAt} ms after the raise`);
    } finally {
      store.close();
    }
  });
});

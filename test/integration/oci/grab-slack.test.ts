// /oyster oci-grab over Socket Mode: the bot's real Bolt app, the Slack stand-in, a real state.db.
// A viewer may look but not start; an operator's start is planned, confirmed and recorded with the
// channel it came from (where progress then goes); stop is audited as the operator.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { GrabStore } from "../../../src/oci/grab/grab-store.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { BotPresence } from "../../../src/store/bot-presence.ts";
import { blockActionsPayload, startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { grabSetup, PASSPHRASE } from "./grab-fixture.ts";

const json = (v: unknown) => JSON.stringify(v);

describe("/oyster oci-grab over Socket Mode", () => {
  let standIn: StandIn;
  let rt: Runtime;
  let slack: SlackApp;
  let presence: BotPresence;

  before(async () => {
    standIn = await startStandIn();
    const s = grabSetup("http://127.0.0.1:9", {}, { roles: { operators: ["UOPER"] } });
    rt = openRuntime({ processEnv: s.env, stderrLevel: "silent" });
    // This process plays the bot: its presence is what `start` looks for.
    presence = new BotPresence(rt.store.db);
    presence.start();
    const deps = { config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log, env: s.env, dataDir: rt.env.dataDir, commands, now: () => new Date() };
    slack = createSlackApp({ enabled: true, mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: standIn.apiUrl }, deps, { port: 0 });
    await slack.start();
    await standIn.waitForSocket();
  });
  after(async () => {
    presence?.stop();
    await slack?.stop();
    await rt?.close();
    await standIn?.close();
  });

  const lastResponse = (from: number) => waitUntil(() => standIn.responses.length > from && standIn.responses.at(-1), "a response_url answer");

  it("a viewer sees the status but may not start a grab", async () => {
    const status = await standIn.slashCommand({ text: "oci-grab status", user_id: "UVIEW", channel_id: "COPS" });
    assert.match(json(status.ack), /no grab on record/);
    const start = await standIn.slashCommand({ text: "oci-grab start", user_id: "UVIEW", channel_id: "COPS" });
    assert.match(json(start.ack), /needs the operator role/);
    assert.equal(new GrabStore(rt.store.db).latest(), undefined);
  });

  it("an operator's start is planned, then confirmed: one running grab that reports to the starting channel; stop is audited", async () => {
    const r = await standIn.slashCommand({ text: "oci-grab start --ocpus 1 --memory 6", user_id: "UOPER", channel_id: "CGRAB" });
    const plan = json(r.ack);
    assert.match(plan, /oyster_confirm/);
    assert.match(plan, /1 OCPUs \/ 6 GB/);
    assert.equal(new GrabStore(rt.store.db).latest(), undefined, "nothing before the Confirm");
    const pendingId = /"value":"([^"]+)"/.exec(plan)?.[1];
    const before = standIn.responses.length;
    await standIn.interaction(blockActionsPayload({ user_id: "UOPER", channel_id: "CGRAB", action_id: "oyster_confirm", value: pendingId!, response_url: standIn.responseUrl() }));
    assert.match(json((await lastResponse(before)).body), /started OCI grab #1/);
    const grab = new GrabStore(rt.store.db).running()!;
    assert.equal(grab.slackChannel, "CGRAB");
    assert.equal(grab.startedBy, "slack:UOPER");
    assert.deepEqual([grab.request.ocpus, grab.request.memoryGb], [1, 6]);

    const stop = await standIn.slashCommand({ text: "oci-grab stop", user_id: "UOPER", channel_id: "CGRAB" });
    const stopId = /"value":"([^"]+)"/.exec(json(stop.ack))?.[1];
    const before2 = standIn.responses.length;
    await standIn.interaction(blockActionsPayload({ user_id: "UOPER", channel_id: "CGRAB", action_id: "oyster_confirm", value: stopId!, response_url: standIn.responseUrl() }));
    assert.match(json((await lastResponse(before2)).body), /stop requested/);
    assert.equal(new GrabStore(rt.store.db).get(grab.id)!.stopRequestedBy, "slack:UOPER");
    const rows = rt.store.audit.since(new Date(0)).filter((a) => a.command === "oci-grab" && a.decision === "confirmed");
    assert.deepEqual(rows.map((a) => [a.who, a.outcome]), [["slack:UOPER", "ok"], ["slack:UOPER", "ok"]]);
    for (const x of standIn.responses) assert.ok(!json(x.body).includes(PASSPHRASE));
  });
});

// A fix on the alert, end to end on the rig: a unit that stays down past the fix budget gets a
// Restart button on its Slack alert; a click is `/oyster restart ...` typed by the clicker (role,
// plan, Confirm, audit); the buttons go when the alert resolves.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Ledger } from "../../../jobs/guardian/ledger.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { ALERTS, startActionsBot, type ActionsBot } from "./alert-actions-fixture.ts";

const json = (v: unknown) => JSON.stringify(v);

describe("a fix button on a unit's alert", () => {
  let bot: ActionsBot;
  let ts = "";
  let alertId = "";
  const restarts = (node: string) => bot.rig.node(node).calls().filter((c) => c.startsWith("sudo -n systemctl restart"));
  const restartButton = () => bot.buttons(ts).find((b) => b.text.text === "Restart agent-daemon");

  before(async () => {
    bot = await startActionsBot();
    // A unit that stays down: both fix attempts fail, the alert comes on the second run, the third only updates it.
    bot.rig.node("node-2").markBroken("agent-daemon", true);
    for (let i = 0; i < 3; i++) await bot.guard("node-2");
    bot.rig.node("node-2").markBroken("agent-daemon", false);
    const alert = bot.book.find("guardian", "node_availability", "node-2");
    assert.ok(alert, "the unit's alert is open");
    alertId = alert.id;
    ts = bot.standIn.messages(ALERTS).at(-1)!.ts;
  });
  after(async () => bot?.close());

  it("the alert of a unit down past its fix budget has Restart, Re-arm fixes and Show journal buttons that carry no command line", () => {
    assert.match(json(bot.message(ts).blocks), /auto-fix stopped for this incident/);
    assert.deepEqual(bot.buttons(ts).map((b) => b.text.text), ["Acknowledge", "Snooze 1h", "Snooze 24h", "Restart agent-daemon", "Show journal agent-daemon", "Re-arm fixes"]);
    for (const b of bot.buttons(ts).slice(3)) {
      assert.match(b.value, new RegExp(`^${alertId}:\\d:[0-9a-f]{12}$`), "the alert id and an index, not the argv");
      assert.doesNotMatch(b.value, /restart|units|check|node-2/);
    }
    assert.deepEqual(bot.book.get(alertId)?.actions?.map((a) => a.argv.join(" ")), ["restart daemon node-2", "units node-2 agent-daemon", "check --rearm node_availability --node node-2"]);
  });

  it("a viewer's click runs nothing on any node, is refused privately and audited as denied; the button stays", async () => {
    const calls = bot.rig.nodes.map((n) => n.calls().length);
    const edits = bot.message(ts).updates;
    const reply = await bot.click("UVIEW", restartButton()!.action_id, restartButton()!.value, ts);
    assert.equal(reply.response_type, "ephemeral");
    assert.equal(reply.replace_original, false);
    assert.match(json(reply), /restart needs the operator role; slack:UVIEW is viewer/);
    assert.deepEqual(bot.rig.nodes.map((n) => n.calls().length), calls, "not even the plan's is-active ran");
    assert.equal(bot.message(ts).updates, edits, "the alert message and its buttons are untouched");
    assert.ok(restartButton());
    assert.deepEqual(bot.audit("restart"), [["slack:UVIEW", "denied", "denied"]]);
    assert.equal(bot.rig.node("node-2").unitState("agent-daemon"), "failed");
  });

  it("a viewer's Re-arm click is refused as the typed `check --rearm` would be (no --no-fix added); an operator's gives the budget back", async () => {
    const rearm = () => bot.buttons(ts).find((b) => b.text.text === "Re-arm fixes")!;
    const viewer = await bot.click("UVIEW", rearm().action_id, rearm().value, ts);
    assert.equal(viewer.response_type, "ephemeral");
    assert.match(json(viewer), /check needs the operator role; slack:UVIEW is viewer/);
    assert.equal(new Ledger(bot.rt.store.db, () => new Date()).get("node_availability", "node-2")?.fixAttempts, 2);
    const done = await bot.click("UOPER", rearm().action_id, rearm().value, ts);
    assert.equal(done.response_type, "in_channel", "a change is shown to the channel");
    assert.equal(new Ledger(bot.rt.store.db, () => new Date()).get("node_availability", "node-2")?.fixAttempts, 0);
    assert.deepEqual(bot.audit("check"), [["slack:UVIEW", "denied", "denied"], ["slack:UOPER", "allowed", "ok"]]);
  });

  it("an operator's click shows the plan with Confirm behind Slack's dialog; confirmed, it restarts that unit on that node only", async () => {
    const before = { n1: restarts("node-1").length, n2: restarts("node-2").length };
    const plan = await bot.click("UOPER", restartButton()!.action_id, restartButton()!.value, ts);
    assert.equal(plan.response_type, "in_channel", "a plan is shown to the channel, as for a typed restart");
    assert.equal(plan.replace_original, false, "the alert message stays");
    assert.match(json(plan), /<@UOPER> asked for `\/oyster restart daemon node-2`/);
    assert.match(json(plan), /restart agent-daemon \(the agent daemon\) on node-2/);
    assert.match(json(plan), /on node-2: sudo -n systemctl restart 'agent-daemon' \(now failed\)/);
    const confirm = (plan.blocks as Array<{ elements?: Array<Record<string, any>> }>).flatMap((b) => b.elements ?? []).find((e) => e.action_id === "oyster_confirm")!;
    assert.equal(confirm.confirm.title.text, "Run it?", "Slack's own are-you-sure dialog");
    assert.equal(restarts("node-2").length, before.n2, "nothing restarted before the Confirm");

    const done = await bot.click("UOPER", "oyster_confirm", confirm.value, ts);
    assert.equal(done.replace_original, true, "the plan is replaced by the result");
    assert.equal(bot.rig.node("node-2").unitState("agent-daemon"), "active");
    assert.deepEqual(restarts("node-2").slice(before.n2), ["sudo -n systemctl restart agent-daemon"]);
    assert.equal(restarts("node-1").length, before.n1, "no other node touched");
    assert.deepEqual(bot.audit("restart"), [
      ["slack:UVIEW", "denied", "denied"],
      ["slack:UOPER", "planned", "planned"],
      ["slack:UOPER", "confirmed", "ok"],
    ]);
  });

  it("once the unit runs again the alert resolves and its message is edited without any button", async () => {
    const edits = bot.message(ts).updates;
    const report = await bot.guard("node-2");
    assert.equal(report.ok, true, json(report.results));
    await waitUntil(() => bot.message(ts).updates > edits, "the alert message edited");
    assert.equal(bot.book.get(alertId)?.status, "resolved");
    assert.match(json(bot.message(ts).blocks), /\*Resolved\*/);
    assert.deepEqual(bot.buttons(ts), []);
  });
});

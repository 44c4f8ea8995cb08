// An alert's action buttons trust nothing in the click but where it points: the command line comes
// from the stored alert, and a value that leads nowhere live is refused (privately, audited).
// A private action answers the clicker alone.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Alert, AlertAction } from "../../../src/alerts/types.ts";
import { actionValue } from "../../../src/slack/alert-action-buttons.ts";
import { logLines } from "../../helpers/unit-journal.ts";
import { ALERTS, startActionsBot, type ActionsBot } from "./alert-actions-fixture.ts";

const json = (v: unknown) => JSON.stringify(v);
const RESTART: AlertAction = { label: "Restart tool-proxy", argv: ["restart", "service", "node-1", "tool-proxy"] };
const JOURNAL: AlertAction = { label: "Show journal tool-proxy", argv: ["units", "node-1", "tool-proxy"], private: true };

describe("alert action buttons: forged, stale and private clicks", () => {
  let bot: ActionsBot;
  const raise = async (check: string, actions: AlertAction[], node = "node-1"): Promise<{ alert: Alert; ts: string }> => {
    const alert = await bot.book.raise({ source: "guardian", check, node, severity: "warning", message: `${node}: ${check} failing`, attempts: 1, actions });
    return { alert, ts: bot.standIn.messages(ALERTS).at(-1)!.ts };
  };
  // Nothing a refused click could have started: no plan, no command's audit row, no shim call on a node.
  const ranNothing = (calls: number[]) => {
    assert.deepEqual(bot.rig.nodes.map((n) => n.calls().length), calls);
    assert.deepEqual([...bot.audit("restart"), ...bot.audit("units")], []);
  };
  const refused = async (user: string, value: string, ts: string, why: RegExp) => {
    const calls = bot.rig.nodes.map((n) => n.calls().length);
    const reply = await bot.click(user, "oyster_alert_run_0", value, ts);
    assert.equal(reply.response_type, "ephemeral");
    assert.equal(reply.replace_original, false);
    assert.match(json(reply), why);
    ranNothing(calls);
    assert.deepEqual(bot.audit("alert-button").at(-1), [`slack:${user}`, "refused", "refused"]);
  };

  before(async () => {
    bot = await startActionsBot();
  });
  after(async () => bot?.close());

  it("refuses a value naming another alert (its real button value, clicked on this alert's message)", async () => {
    const mine = await raise("wrapper_version", [RESTART]);
    const other = await raise("param_alignment", [RESTART]);
    assert.notEqual(mine.ts, other.ts);
    await refused("UOPER", actionValue(other.alert.id, 0, RESTART), mine.ts, new RegExp(`not on alert ${other.alert.id}'s message`));
  });

  it("refuses an index out of range, and an index past the buttons shown, even with a matching fingerprint", async () => {
    // Seven stored, five shown: the sixth and seventh exist but have no button.
    const seven = Array.from({ length: 7 }, (_, i) => ({ ...RESTART, label: `Restart ${i}` }));
    const { alert, ts } = await raise("db_schema", seven);
    assert.equal(bot.buttons(ts).filter((b) => b.action_id.startsWith("oyster_alert_run_")).length, 5);
    await refused("UOPER", actionValue(alert.id, 6, seven[6]!), ts, /has no such action/);
    await refused("UOPER", actionValue(alert.id, 7, RESTART), ts, /has no such action/);
    await refused("UOPER", actionValue(alert.id, 99, RESTART), ts, /has no such action/);
    await refused("UOPER", `${alert.id}:0`, ts, /names no action of an alert/);
    await refused("UOPER", `${alert.id}:0:restart service node-1 tool-proxy`, ts, /names no action of an alert/);
  });

  it("refuses a button drawn before the alert's actions changed: it never runs what replaced them", async () => {
    const first = await raise("ssh_connection", [RESTART]);
    const stale = actionValue(first.alert.id, 0, RESTART);
    await raise("ssh_connection", [JOURNAL]);
    await refused("UOPER", stale, first.ts, /out of date/);
  });

  it("refuses a click on a resolved alert's button", async () => {
    const { alert, ts } = await raise("wrapper_version", [RESTART], "node-2");
    await bot.book.resolve("guardian", "wrapper_version", "node-2");
    await refused("UADMIN", actionValue(alert.id, 0, RESTART), ts, new RegExp(`Alert ${alert.id} is resolved`));
    await refused("UOPER", actionValue("A9999", 0, RESTART), ts, /A9999 is unknown/);
  });

  it("a private action (Show journal) is answered to the clicker alone, ephemerally, with the unit's journal", async () => {
    logLines(bot.rig.node("node-1"), "tool-proxy", ["proxy listening on 8080", "upstream refused: 502"]);
    const { alert, ts } = await raise("node_availability", [RESTART, JOURNAL]);
    const posted = bot.standIn.messages(ALERTS).length;
    const reply = await bot.click("UOPER", "oyster_alert_run_1", actionValue(alert.id, 1, JOURNAL), ts);
    assert.equal(reply.response_type, "ephemeral");
    assert.equal(reply.replace_original, false);
    assert.match(json(reply), /upstream refused: 502/);
    assert.equal(bot.standIn.messages(ALERTS).length, posted, "nothing posted to the channel");
    assert.deepEqual(bot.audit("units"), [["slack:UOPER", "allowed", "ok"]]);
    // A viewer may not read journals: refused the same way, privately.
    const viewer = await bot.click("UVIEW", "oyster_alert_run_1", actionValue(alert.id, 1, JOURNAL), ts);
    assert.equal(viewer.response_type, "ephemeral");
    assert.match(json(viewer), /units needs the operator role; slack:UVIEW is viewer/);
    assert.deepEqual(bot.audit("units").at(-1), ["slack:UVIEW", "denied", "denied"]);
  });
});

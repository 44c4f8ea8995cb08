// Alert buttons without Bolt: a click is the ack/snooze command run as the clicker, with the same
// roles and the same audit rows as /oyster.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { alertBookFor } from "../../../src/alerts/alert-book-for.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { handleAlertClick } from "../../../src/slack/alert-click.ts";
import { ALERT_ACK_ACTION, ALERT_SNOOZE_24H_ACTION } from "../../../src/slack/alert-message.ts";
import type { SlackDeps } from "../../../src/slack/router.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

async function fixture(slack: Record<string, unknown> = {}) {
  const dir = tmpDir();
  mkdirSync(join(dir, "config"));
  writeFileSync(join(dir, "config", "oyster.json"), JSON.stringify({ roles: { admins: ["UADMIN"], operators: ["UOPER"] }, slack }));
  const config = loadConfig({ dir: join(dir, "config") }).config;
  const now = () => new Date("2026-11-27T10:00:00Z");
  const store = openStore(dir, now);
  const { log } = memoryLogger("silent");
  const deps: SlackDeps = { config, store, ssh: createSshPool(config, log), log, env: {}, dataDir: dir, commands, now };
  const book = alertBookFor({ store, dataDir: dir, config, log, now }, { notify: async () => {} });
  const alert = await book.raise({ source: "guardian", check: "node_availability", node: "node-1", severity: "critical", message: "node-1 unreachable", attempts: 0 });
  return { deps, store, book, id: alert.id };
}

const audit = (store: { audit: { since(d: Date): Array<{ who: string; channel: string | null; command: string; decision: string; outcome: string }> } }) =>
  store.audit.since(new Date(0)).map((r) => [r.who, r.channel, r.command, r.decision, r.outcome]);

describe("alert buttons", () => {
  it("an operator's Acknowledge acknowledges as slack:<id>, audited like /oyster ack", async () => {
    const { deps, store, book, id } = await fixture();
    const out = await handleAlertClick(deps, { actionId: ALERT_ACK_ACTION, alertId: id, userId: "UOPER", channelId: "CALERTS" });
    assert.ok(out.ok);
    assert.equal(out.alert.acknowledged?.by, "slack:UOPER");
    assert.equal(book.get(id)?.status, "acknowledged");
    assert.deepEqual(audit(store), [["slack:UOPER", "CALERTS", "ack", "allowed", "ok"]]);
  });

  it("Snooze 24h snoozes for a day", async () => {
    const { deps, book, id } = await fixture();
    const out = await handleAlertClick(deps, { actionId: ALERT_SNOOZE_24H_ACTION, alertId: id, userId: "UADMIN", channelId: "CALERTS" });
    assert.ok(out.ok);
    assert.deepEqual(book.get(id)?.snoozed, { until: "2026-11-28T10:00:00.000Z", by: "slack:UADMIN" });
  });

  it("a viewer's click is refused, naming the role, and audited as denied", async () => {
    const { deps, store, book, id } = await fixture();
    const out = await handleAlertClick(deps, { actionId: ALERT_ACK_ACTION, alertId: id, userId: "UVIEW", channelId: "CALERTS" });
    assert.ok(!out.ok);
    assert.equal(out.reply.responseType, "ephemeral");
    assert.match(out.reply.text, /ack needs the operator role; slack:UVIEW is viewer/);
    assert.equal(book.get(id)?.status, "open");
    assert.deepEqual(audit(store), [["slack:UVIEW", "CALERTS", "ack", "denied", "denied"]]);
  });

  it("a viewer outside slack.allowedChannels is refused and still audited", async () => {
    const { deps, store, id } = await fixture({ allowedChannels: ["COPS"] });
    const out = await handleAlertClick(deps, { actionId: ALERT_ACK_ACTION, alertId: id, userId: "UVIEW", channelId: "CALERTS" });
    assert.ok(!out.ok);
    assert.deepEqual(audit(store), [["slack:UVIEW", "CALERTS", "ack", "denied", "denied"]]);
  });

  it("a resolved alert or a forged value is answered with an error, nothing changed", async () => {
    const { deps, book, id } = await fixture();
    await book.resolve("guardian", "node_availability", "node-1");
    const late = await handleAlertClick(deps, { actionId: ALERT_ACK_ACTION, alertId: id, userId: "UOPER", channelId: "CALERTS" });
    assert.ok(!late.ok);
    assert.match(late.reply.text, /is resolved/);
    const forged = await handleAlertClick(deps, { actionId: ALERT_ACK_ACTION, alertId: "--reason", userId: "UOPER", channelId: "CALERTS" });
    assert.ok(!forged.ok);
    assert.match(forged.reply.text, /names no alert/);
  });
});

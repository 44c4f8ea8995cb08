// Block Kit for alerts: escaping, storms, buttons only while unresolved, Slack's limits, and the
// thread notes that go with reminders and resolutions.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Alert } from "../../../src/alerts/types.ts";
import { threadNote } from "../../../src/slack/alert-notes.ts";
import { ALERT_ACK_ACTION, ALERT_SNOOZE_1H_ACTION, ALERT_SNOOZE_24H_ACTION, alertGroupMessage, alertMessage, MAX_GROUP } from "../../../src/slack/alert-message.ts";
import { fallbackSummaryMessage } from "../../../src/slack/fallback-summary-message.ts";
import { duration, escapeClipped } from "../../../src/slack/render/alert-format.ts";
import { assertWithinSlackLimits } from "./block-limits.ts";

type B = Record<string, any>;

function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: "A7", source: "guardian", check: "node_availability", node: "node-1", nodes: [], severity: "critical", status: "open",
    first_seen: "2026-11-27T09:00:00.000Z", last_seen: "2026-11-27T10:05:00.000Z", resolved_at: null, attempts: 2, message: "node-1 unreachable", ...over,
  };
}

const actions = (blocks: B[]) => blocks.filter((b) => b.type === "actions");
const all = (m: { blocks: B[] }) => JSON.stringify(m.blocks);

describe("alert message", () => {
  it("shows severity, id, check, node, status, times, attempts and the message, with three buttons carrying the id", () => {
    const m = alertMessage(alert());
    assert.match(m.text, /:red_circle: \[critical\] A7 node_availability on node-1: node-1 unreachable/);
    const s = all(m);
    for (const part of [":red_circle: *CRITICAL*", "*A7*", "`node_availability` on *node-1*", "*Status*\\nopen", "*Attempts*\\n2", "*First seen*", "2026-11-27 09:00 UTC", "node-1 unreachable"]) {
      assert.ok(s.includes(part), `${part} in ${s}`);
    }
    const [row] = actions(m.blocks as B[]);
    assert.deepEqual(row!.elements.map((e: B) => [e.action_id, e.text.text, e.value]), [
      [ALERT_ACK_ACTION, "Acknowledge", "A7"], [ALERT_SNOOZE_1H_ACTION, "Snooze 1h", "A7"], [ALERT_SNOOZE_24H_ACTION, "Snooze 24h", "A7"],
    ]);
    assertWithinSlackLimits(m);
  });

  it("escapes everything that comes from outside: no mention, link or markup can be injected", () => {
    const evil = "<!channel> <https://evil.example|click> & <@U123>";
    const m = alertMessage(alert({ message: evil, node: "<!here>", check: "a`b<c>", acknowledged: { by: "cli:<!everyone>", at: "2026-11-27T10:00:00Z", reason: "<b>&" } , status: "acknowledged" }));
    const s = all(m) + m.text;
    assert.doesNotMatch(s, /<!channel>|<!here>|<!everyone>|<https:|<@U123>|<b>/);
    assert.match(s, /&lt;!channel&gt; &lt;https:\/\/evil.example\|click&gt; &amp; &lt;@U123&gt;/);
    assert.match(s, /`a'b&lt;c&gt;`/);
  });

  it("shows who acknowledged and why; a Slack user as a mention", () => {
    const m = alertMessage(alert({ status: "acknowledged", acknowledged: { by: "slack:UOPER", at: "2026-11-27T10:10:00.000Z", reason: "on it" } }));
    assert.match(all(m), /Acknowledged by <@UOPER> <!date\^\d+\^\{date_short_pretty\} \{time\}\|2026-11-27 10:10 UTC>: _on it_/);
    assert.equal(actions(m.blocks as B[]).length, 1, "still unresolved: buttons stay");
  });

  it("shows a snooze with its end, and says so once it is over", () => {
    const snoozed = { until: "2026-11-27T11:00:00.000Z", by: "slack:UOPER", reason: "maintenance" };
    assert.match(all(alertMessage(alert({ status: "snoozed", snoozed }))), /Snoozed by <@UOPER> until .*2026-11-27 11:00 UTC.*_maintenance_/);
    const over = alertMessage(alert({ status: "open", snoozed, last_seen: "2026-11-27T11:05:00.000Z" }));
    assert.match(all(over), /Snooze by <@UOPER> ended/);
    assert.doesNotMatch(all(over), /Snoozed by/);
  });

  it("a resolved alert has no buttons, says when and after how long, and keeps the ack", () => {
    const m = alertMessage(alert({ status: "resolved", resolved_at: "2026-11-27T11:30:00.000Z", acknowledged: { by: "slack:UOPER", at: "2026-11-27T10:10:00.000Z" } }));
    assert.equal(actions(m.blocks as B[]).length, 0);
    assert.match(all(m), /:white_check_mark: \*Resolved\* \(was critical\)/);
    assert.match(all(m), /after 2 h 30 min/);
    assert.match(all(m), /Acknowledged by <@UOPER>/);
    assert.match(m.text, /resolved: A7/);
  });

  it("a storm is one message naming its nodes, cut with \"... and N more\"", () => {
    const nodes = Array.from({ length: 40 }, (_, i) => `node-${i + 1}`);
    const m = alertMessage(alert({ check: "storm", node: null, nodes, message: "40 of 40 nodes unreachable at once" }));
    const s = all(m);
    assert.match(s, /`storm` on \*40 nodes\*/);
    assert.match(s, /\*Nodes \(40\)\*: node-1, node-2, .*node-25, _... and 15 more_/);
    assert.doesNotMatch(s, /node-26/);
    assertWithinSlackLimits(m);
  });

  it("stays within Slack's limits whatever the data", () => {
    const huge = "&<>".repeat(5000);
    const nodes = Array.from({ length: 500 }, (_, i) => `${"n".repeat(90)}-${i}`);
    const a = alert({ message: huge, nodes, node: null, status: "acknowledged", acknowledged: { by: huge, at: "2026-11-27T10:10:00Z", reason: huge } });
    assertWithinSlackLimits(alertMessage(a));
    assertWithinSlackLimits(alertGroupMessage(Array.from({ length: 30 }, (_, i) => ({ ...a, id: `A${i + 1}` }))));
  });
});

describe("alerts raised at once", () => {
  it("are one message with a line and buttons per unresolved alert", () => {
    const alerts = [alert({ id: "A1" }), alert({ id: "A2", node: "node-2", message: "node-2 unreachable" }), alert({ id: "A3", status: "resolved", resolved_at: "2026-11-27T10:06:00Z" })];
    const m = alertGroupMessage(alerts);
    assert.match(all(m), /3 alerts at once\* \(2 still open\)/);
    assert.deepEqual(actions(m.blocks as B[]).map((b) => b.elements[0].value), ["A1", "A2"]);
    assert.match(m.text, /3 alerts at once \(2 still open\): A1 node_availability on node-1, A2 node_availability on node-2, A3/);
    assertWithinSlackLimits(m);
  });

  it("past MAX_GROUP alerts, says how many more", () => {
    const m = alertGroupMessage(Array.from({ length: MAX_GROUP + 3 }, (_, i) => alert({ id: `A${i + 1}` })));
    assert.match(all(m), /\.\.\. and 3 more/);
    assert.equal(actions(m.blocks as B[]).length, MAX_GROUP);
  });

  it("one alert alone is the full message", () => {
    assert.deepEqual(alertGroupMessage([alert()]), alertMessage(alert()));
  });
});

describe("thread notes", () => {
  it("a reminder says how long it has been open; an ended snooze says so", () => {
    assert.equal(threadNote("reminder", alert()), ":bell: *A7* still open after 1 h 5 min: node-1 unreachable");
    const over = threadNote("reminder", alert({ snoozed: { until: "2026-11-27T10:00:00Z", by: "slack:UOPER" } }));
    assert.match(over!, /^:alarm_clock: Snooze by <@UOPER> is over: \*A7\* still open after 1 h 5 min/);
  });

  it("a resolution says after how long and who had acknowledged it; other events have no note", () => {
    const resolved = alert({ status: "resolved", resolved_at: "2026-11-27T09:45:00Z", acknowledged: { by: "cli:alice", at: "2026-11-27T09:10:00Z" } });
    assert.equal(threadNote("resolved", resolved), ":white_check_mark: *A7* resolved after 45 min (acknowledged by cli:alice)");
    for (const kind of ["raised", "updated", "acknowledged", "snoozed"] as const) assert.equal(threadNote(kind, alert()), undefined);
  });

  it("a quota alert's resolution says in the thread that the window reset", () => {
    const reset = alert({ source: "monitor", check: "quota:zai:glm:5h tokens", node: null, status: "resolved", resolved_at: "2026-11-27T10:00:00Z", message: "zai:glm 5h tokens: window reset, 12% used <!channel>" });
    assert.equal(threadNote("resolved", reset), ":white_check_mark: *A7* resolved after 1 h: zai:glm 5h tokens: window reset, 12% used &lt;!channel&gt;");
  });

  it("durations read naturally; clipping never splits an entity", () => {
    assert.deepEqual([duration(20_000), duration(45 * 60_000), duration(120 * 60_000), duration(27 * 3_600_000)], ["less than a minute", "45 min", "2 h", "1 d 3 h"]);
    assert.equal(escapeClipped("a&b", 4), "a…");
    assert.equal(escapeClipped("a&b", 7), "a&amp;…");
  });
});

describe("fallback summary", () => {
  it("is one message listing what went by email, cut with \"... and N more\"", () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, summary: `alert A${i} <raised>`, deliveredAt: "2026-11-27T10:00:00Z" }));
    const m = fallbackSummaryMessage(items);
    assert.match(m.text, /30 notifications went by email/);
    assert.match(all(m), /alert A0 &lt;raised&gt;/);
    assert.match(all(m), /_... and 10 more_/);
    assertWithinSlackLimits(m);
  });
});

// Alerts as the team reads them with `"locale": "zh-CN"`: the Slack message, its buttons, its
// thread notes, a storm, the plan / Confirm message and the alert email, in Chinese, with ids,
// checks, node names and messages as they are, and every time in ISO form.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderEmail } from "../../../src/notify/email-render.ts";
import { plainView } from "../../../src/render/view.ts";
import { threadNote } from "../../../src/slack/alert-notes.ts";
import { alertGroupMessage, alertMessage } from "../../../src/slack/alert-message.ts";
import { planReply } from "../../../src/slack/render/messages.ts";
import { fallbackSummaryMessage } from "../../../src/slack/fallback-summary-message.ts";
import { payloadLine } from "../../../src/notify/payload-line.ts";
import { alertEvent, sampleAlert } from "../../helpers/alert-events.ts";

type B = Record<string, any>;
const zh = plainView("zh-CN");
const all = (m: { text: string; blocks: unknown[] }) => `${m.text}\n${JSON.stringify(m.blocks)}`;
const buttons = (blocks: B[]) => blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements.map((e: B) => e.text.text));

describe("alerts in Chinese", () => {
  it("writes the Slack message's heading, fields and buttons in Chinese and keeps id, check, node and message", () => {
    const m = alertMessage(sampleAlert({ last_seen: "2026-03-01T10:05:00.000Z" }), zh);
    const s = all(m);
    for (const want of [":red_circle: *严重*", "*A7*", "*node-2* 上的 `node_availability`", "*状态*\\n未处理", "*修复次数*\\n2", "*首次发现*\\n2026-03-01 10:00 UTC", "*最近发现*\\n2026-03-01 10:05 UTC", "does not answer; restarted agent-daemon twice, still down"]) {
      assert.ok(s.includes(want), `${want} in ${s}`);
    }
    assert.match(m.text, /^:red_circle: \[严重\] A7 node-2 上的 node_availability：does not answer/);
    assert.deepEqual(buttons(m.blocks as B[]), ["确认处理", "暂缓 1 小时", "暂缓 24 小时"]);
    for (const english of ["CRITICAL", "Status", "Attempts", "First seen", "Last seen", "Acknowledge", "Snooze", " on *node-2*"]) assert.ok(!s.includes(english), `no "${english}" in ${s}`);
    // Slack's date token would render "3月1日" in a Chinese client: the time is written out instead.
    assert.ok(!s.includes("<!date^"), s);
  });

  it("keeps the English message exactly as before", () => {
    const m = alertMessage(sampleAlert());
    assert.match(m.text, /^:red_circle: \[critical\] A7 node_availability on node-2: does not answer/);
    assert.deepEqual(buttons(m.blocks as B[]), ["Acknowledge", "Snooze 1h", "Snooze 24h"]);
    assert.ok(all(m).includes("<!date^"), "English keeps Slack's date token");
  });

  it("shows who acknowledged, a resolution and its duration in Chinese", () => {
    const resolved = sampleAlert({ status: "resolved", resolved_at: "2026-03-01T12:05:00.000Z", acknowledged: { by: "slack:U123", at: "2026-03-01T10:30:00.000Z", reason: "换网线" } });
    const s = all(alertMessage(resolved, zh));
    for (const want of [":white_check_mark: *已恢复*（原级别：严重）", "*恢复时间*\\n2026-03-01 12:05 UTC（持续 2 小时 5 分钟）", ":eyes: <@U123> 已于 2026-03-01 10:30 UTC 确认：_换网线_"]) {
      assert.ok(s.includes(want), `${want} in ${s}`);
    }
    assert.equal(buttons(alertMessage(resolved, zh).blocks as B[]).length, 0, "no buttons once resolved");
  });

  it("writes the thread notes (reminder, resolution) in Chinese", () => {
    const open = sampleAlert({ last_seen: "2026-03-01T11:05:00.000Z" });
    assert.equal(threadNote("reminder", open, zh), ":bell: *A7* 已持续 1 小时 5 分钟 仍未恢复：does not answer; restarted agent-daemon twice, still down");
    const done = sampleAlert({ status: "resolved", resolved_at: "2026-03-01T10:45:00.000Z" });
    assert.equal(threadNote("resolved", done, zh), ":white_check_mark: *A7* 已恢复，持续 45 分钟");
  });

  it("writes a storm's message in Chinese with its nodes in one line, cut with a count", () => {
    const nodes = Array.from({ length: 30 }, (_, i) => `node-${i + 1}`);
    const storm = sampleAlert({ id: "A9", check: "storm", node: null, nodes, message: "30 nodes unreachable" });
    const m = alertGroupMessage([storm, sampleAlert({ id: "A10" })], zh);
    const s = all(m);
    for (const want of ["*同时触发 2 条告警*（均未处理）", "*30 个节点* 上的 `storm`", "节点：node-1, node-2", "_……另有 "]) assert.ok(s.includes(want), `${want} in ${s}`);
    assert.match(m.text, /^同时触发 2 条告警（均未处理）：A9 storm, A10 node-2 上的 node_availability$/);
  });

  it("asks for Confirm / Cancel in Chinese, the command line untouched", () => {
    const r = planReply("UOPER", "restart daemon node-1", { summary: "restart agent-daemon on node-1", steps: [] }, "p1", "zh-CN");
    const s = JSON.stringify(r.blocks);
    for (const want of ["<@UOPER> 请求执行 `/oyster restart daemon node-1`", "确认执行", "确定执行？", "\"执行\"", "返回", "取消", "仅请求人或管理员可以确认，5 分钟后失效。"]) assert.ok(s.includes(want), `${want} in ${s}`);
    assert.equal(r.text, "待确认：/oyster restart daemon node-1");
    const en = JSON.stringify(planReply("UOPER", "restart daemon node-1", undefined, "p1").blocks);
    assert.ok(en.includes("\"Confirm\"") && en.includes("\"Cancel\"") && en.includes("Only the requester or an admin can confirm. Expires in 5 minutes."), en);
  });

  it("writes the alert email's subject, heading and facts in Chinese, times in ISO UTC", () => {
    const mail = renderEmail({ kind: "alert-event", event: alertEvent("raised", { message: "does not answer" }) }, zh);
    assert.equal(mail.subject, "[Oyster] 严重 node-2：node_availability：does not answer");
    for (const want of [/^新告警：严重 node-2：node_availability$/m, /^节点:\s+node-2$/m, /^检查项:\s+node_availability$/m, /^级别:\s+严重$/m, /^状态:\s+未处理$/m, /^首次发现:\s+2026-03-01T10:00:00.000Z$/m, /oyster ack A7/]) {
      assert.match(mail.text, want);
    }
    assert.match(mail.html, /<html lang="zh-CN">/);
    assert.ok(!/New alert|Severity|First seen|Fix attempts/.test(mail.text + mail.html), mail.text);
    const resolved = renderEmail({ kind: "alert-event", event: alertEvent("resolved", { status: "resolved", resolved_at: "2026-03-01T10:30:00.000Z" }) }, zh);
    assert.equal(resolved.subject, "[Oyster] 已恢复 node-2：node_availability");
  });

  it("sums up in Chinese what went by email while Slack was failing, each line in Chinese too", () => {
    const line = payloadLine({ kind: "alert-event", event: alertEvent("raised", { message: "does not answer" }) }, zh);
    assert.equal(line, "严重 node-2：node_availability：does not answer");
    const items = Array.from({ length: 25 }, (_, i) => ({ key: `k${i}`, summary: line, deliveredAt: "2026-03-01T10:00:00.000Z" }));
    const m = fallbackSummaryMessage(items, zh);
    assert.equal(m.text, ":email: Slack 曾无法连接：期间 25 条通知改由邮件发送");
    const s = JSON.stringify(m.blocks);
    assert.ok(s.includes("• 2026-03-01 10:00 UTC 严重 node-2：node_availability") && s.includes("_……另有 5 条_"), s);
    assert.equal(payloadLine({ kind: "fallback-summary", items }, zh), "Slack 故障期间，25 条消息改由邮件发送");
    assert.equal(fallbackSummaryMessage(items).text, ":email: Slack was unreachable: 25 notifications went by email meanwhile");
  });

  it("words the guardian's own action buttons in Chinese, keeping the unit names and what a click does", () => {
    const actions = [
      { label: "Restart agent-daemon", argv: ["restart", "daemon", "node-2"] },
      { label: "Show journal agent-daemon", argv: ["units", "node-2", "agent-daemon"], private: true },
      { label: "Re-arm fixes", argv: ["check", "--rearm", "node_availability", "--node", "node-2"] },
      { label: "Something new", argv: ["status"] },
    ];
    const zhRow = alertMessage(sampleAlert({ actions }), zh).blocks.find((b: B) => b.type === "actions") as B;
    const enRow = alertMessage(sampleAlert({ actions })).blocks.find((b: B) => b.type === "actions") as B;
    assert.deepEqual(zhRow.elements.slice(3).map((e: B) => e.text.text), ["重启 agent-daemon", "查看 agent-daemon 日志", "重新启用自动修复", "Something new"]);
    assert.deepEqual(enRow.elements.slice(3).map((e: B) => e.text.text), ["Restart agent-daemon", "Show journal agent-daemon", "Re-arm fixes", "Something new"]);
    assert.deepEqual(zhRow.elements.map((e: B) => e.value), enRow.elements.map((e: B) => e.value), "the same values: a click does the same in both languages");
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderEmail } from "../../../src/notify/email-render.ts";
import { alertEvent } from "../../helpers/alert-events.ts";

describe("renderEmail", () => {
  it("names severity, node, check and message in the subject of a raise", () => {
    const m = renderEmail({ kind: "alert-event", event: alertEvent("raised", { message: "does not answer" }) });
    assert.equal(m.subject, "[Oyster] CRITICAL node-2: node_availability: does not answer");
  });

  it("gives resolutions, reminders, acks and snoozes their own short subjects", () => {
    const subject = (e: ReturnType<typeof alertEvent>) => renderEmail({ kind: "alert-event", event: e }).subject;
    assert.equal(subject(alertEvent("resolved", { status: "resolved", resolved_at: "2026-03-01T10:30:00.000Z" })), "[Oyster] resolved node-2: node_availability");
    assert.match(subject(alertEvent("reminder")), /^\[Oyster\] still failing: CRITICAL node-2: node_availability: /);
    assert.equal(subject(alertEvent("acknowledged", { acknowledged: { by: "cli:alice", at: "2026-03-01T10:05:00.000Z" } })), "[Oyster] acknowledged node-2: node_availability by cli:alice");
    assert.equal(subject(alertEvent("snoozed", { snoozed: { by: "cli:bob", until: "2026-03-01T11:00:00.000Z" } })), "[Oyster] snoozed node-2: node_availability until 2026-03-01T11:00:00.000Z");
    assert.equal(subject(alertEvent("raised", { node: null, nodes: ["n1", "n2", "n3"], check: "storm" })).startsWith("[Oyster] CRITICAL 3 nodes: storm: "), true);
    assert.equal(subject(alertEvent("raised", { node: null, check: "db_schema", severity: "warning" })).startsWith("[Oyster] WARNING fleet: db_schema: "), true);
  });

  it("keeps the subject one line and short whatever the message", () => {
    const m = renderEmail({ kind: "alert-event", event: alertEvent("raised", { message: `line one\nline two\r\n${"x".repeat(500)}` }) });
    assert.doesNotMatch(m.subject, /[\r\n]/);
    assert.ok(m.subject.length < 200);
  });

  it("writes the node, check, severity, status, attempts and what Oyster did in the text body", () => {
    const { text } = renderEmail({ kind: "alert-event", event: alertEvent("raised") });
    for (const want of [/Node:\s+node-2/, /Check:\s+node_availability/, /Severity:\s+critical/, /Status:\s+open/, /Fix attempts:\s+2/, /restarted agent-daemon twice, still down/, /oyster ack A7/]) {
      assert.match(text, want);
    }
  });

  it("escapes every value in the HTML body", () => {
    const hostile = `<script>alert("x")</script> & <img src=x onerror=1>`;
    const { html, text } = renderEmail({
      kind: "alert-event",
      event: alertEvent("acknowledged", { node: "<b>node</b>", check: "c'heck", message: hostile, acknowledged: { by: "<i>eve</i>", at: "t", reason: "<u>why</u>" } }),
    });
    assert.doesNotMatch(html, /<script>|<img|<b>node|<i>eve|<u>why/);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &lt;img src=x onerror=1&gt;/);
    assert.match(html, /c&#39;heck/);
    assert.ok(text.includes(hostile), "the plain text keeps the message as it is");
  });

  it("sends a report with its own subject, text and HTML", () => {
    const report = { subject: "Oyster daily report 2026-03-01: 3/3 nodes up", text: "T", html: "<p>H</p>", blocks: [] };
    assert.deepEqual(renderEmail({ kind: "report", report }), { subject: report.subject, text: "T", html: "<p>H</p>" });
  });

  it("sends an announcement with its own subject, text and HTML", () => {
    const announcement = { key: "oci-grab:g1:launched", subject: "OCI instance launched", text: "T", html: "<p>H</p>", blocks: [], slackChannel: "C1" };
    assert.deepEqual(renderEmail({ kind: "announcement", announcement, via: "email" }), { subject: "OCI instance launched", text: "T", html: "<p>H</p>" });
  });

  it("lists what went by email in a fallback summary under a short subject", () => {
    const m = renderEmail({
      kind: "fallback-summary",
      items: [
        { key: "k1", summary: "CRITICAL node-2: node_availability: <down>", deliveredAt: "2026-03-01T10:00:00.000Z" },
        { key: "k2", summary: "resolved node-2: node_availability", deliveredAt: "2026-03-01T10:20:00.000Z" },
      ],
    });
    assert.equal(m.subject, "[Oyster] 2 messages went by email while Slack was failing");
    assert.match(m.text, /2026-03-01T10:00:00.000Z {2}CRITICAL node-2: node_availability: <down>/);
    assert.match(m.html, /&lt;down&gt;/);
  });
});

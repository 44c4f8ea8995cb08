// What an unrecognised agent reading keeps of its raw text: the shape, no login.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scrubReading } from "../../../../src/monitor/agents/scrub-reading.ts";

describe("scrubReading", () => {
  it("takes out token-shaped text, emails and id fields, and keeps the shape and paths", () => {
    const raw = JSON.stringify({
      accessToken: "sk-ant-oat01-abcdefghijklmnopqrstuvwxyz", refresh_token: "rt-1", user_id: "u-123", account_id: "acct-9", email: "a@b.io",
      jwt: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", blob: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlq", note: "mail dev@example.com",
      path: "/home/agent/.codex/sessions/2026/12/07", used_percent: 40,
    });
    const out = scrubReading(raw);
    for (const gone of ["sk-ant-oat01", "rt-1", "u-123", "acct-9", "a@b.io", "eyJhbGciOiJIUzI1NiJ9", "QUJDREVGR0hJSktMTU5PUFFS", "dev@example.com"]) assert.ok(!out.includes(gone), gone);
    assert.match(out, /"path":"\/home\/agent\/\.codex\/sessions\/2026\/12\/07"/);
    assert.match(out, /"used_percent":40/);
  });

  it("cuts long text short after scrubbing", () => {
    assert.equal(scrubReading("used 40% ".repeat(10), 12), "used 40% use...");
  });
});

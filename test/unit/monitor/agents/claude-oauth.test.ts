// What the node's reader got from Claude's usage endpoint, into windows or a worded problem:
// known windows renamed (5h, weekly, weekly sonnet, weekly opus), null keys ignored whatever their
// name, a non-null window under a new key listed as Anthropic names it, a rejected login as a key
// problem naming the node, and a 429 as a backoff of at least five minutes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backoffSeconds, parseClaudeOauth } from "../../../../src/monitor/agents/sources/claude-oauth.ts";

const at = { node: "node-3" };
const answer = (status: number, body: unknown, retryAfter: string | null = null) => ({ status, body, retryAfter });
const cells = (p: ReturnType<typeof parseClaudeOauth>) => {
  assert.ok("windows" in p, JSON.stringify(p));
  return p.windows.map((w) => [w.window, w.usedPct, w.windowSeconds, w.resetsAt, w.note]);
};

describe("parseClaudeOauth", () => {
  it("names the known windows and ignores every null key, known or not", () => {
    const p = parseClaudeOauth(answer(200, {
      five_hour: { utilization: 17.0, resets_at: "2026-03-04T11:59:59.412305+00:00" },
      seven_day: { utilization: 52.0, resets_at: "2026-03-09T03:59:59.412331+00:00" },
      seven_day_sonnet: { utilization: 8.0, resets_at: "2026-03-09T07:59:59.412340+00:00" },
      seven_day_opus: null,
      seven_day_oauth_apps: null,
      mystery_bucket: null,
      extra_usage: { is_enabled: false, monthly_limit: null, used_credits: null, utilization: null },
    }), at);
    assert.deepEqual(cells(p), [
      ["5h", 17, 18_000, "2026-03-04T11:59:59.412Z", undefined],
      ["weekly", 52, 604_800, "2026-03-09T03:59:59.412Z", undefined],
      ["weekly sonnet", 8, 604_800, "2026-03-09T07:59:59.412Z", undefined],
    ]);
    assert.ok("windows" in p && p.note === undefined, "nothing to remark: no shape change reported");
  });

  it("reads weekly opus, and lists a non-null window under a new key as it is named, length unknown", () => {
    const p = parseClaudeOauth(answer(200, {
      seven_day_opus: { utilization: 3.5, resets_at: null },
      seven_day_cowork: { utilization: 71, resets_at: "2026-03-09T07:00:00+00:00" },
    }), at);
    assert.deepEqual(cells(p).map((c) => c.slice(0, 4)), [["weekly opus", 3.5, 604_800, null], ["seven_day_cowork", 71, null, "2026-03-09T07:00:00.000Z"]]);
    assert.match(String(cells(p)[1]![4]), /does not know yet/);
  });

  it("leaves a window with a null utilization out, and says so when none is left", () => {
    const p = parseClaudeOauth(answer(200, { five_hour: { utilization: null, resets_at: null }, seven_day: null }), at);
    assert.deepEqual(p, { windows: [], note: "the usage endpoint reported no window with a figure" });
  });

  it("notes extra usage when it is on, never as a window (it must not pause nodes)", () => {
    const p = parseClaudeOauth(answer(200, { five_hour: { utilization: 2, resets_at: null }, extra_usage: { is_enabled: true, monthly_limit: 5000, used_credits: 1200, utilization: 24 } }), at);
    assert.deepEqual(cells(p).map((c) => c[0]), ["5h"]);
    assert.ok("windows" in p && p.note === "extra usage 24% of its monthly limit");
  });

  it("calls a known window of another shape unrecognised, never a guess", () => {
    const p = parseClaudeOauth(answer(200, { five_hour: { used: 17 } }), at);
    assert.ok("unrecognised" in p);
    assert.match(p.why, /five_hour is not \{utilization, resets_at\}/);
    const q = parseClaudeOauth(answer(200, { seven_day: { utilization: "lots", resets_at: null } }), at);
    assert.ok("unrecognised" in q && /utilization is not a number/.test(q.why));
    assert.ok("unrecognised" in parseClaudeOauth(answer(200, "<html>maintenance</html>"), at));
  });

  it("turns a 401 into 'log in again on <node>', a key problem", () => {
    const p = parseClaudeOauth(answer(401, { type: "error", error: { type: "authentication_error", message: "OAuth token has expired.", details: { error_code: "token_expired" } } }), at);
    assert.ok("problem" in p);
    assert.equal(p.problem, "key_rejected");
    assert.match(p.detail, /^log in again on node-3: .*\(401 token_expired\); run `claude` on node-3 and \/login$/);
    assert.equal(p.backoffSeconds, undefined);
  });

  it("turns a 403 into 're-login needed' naming the missing scope and setup-token tokens, not retried", () => {
    const p = parseClaudeOauth(answer(403, { type: "error", error: { type: "permission_error", message: "OAuth token does not meet scope requirement user:profile" } }), at);
    assert.ok("problem" in p);
    assert.equal(p.problem, "key_rejected");
    assert.match(p.detail, /^re-login needed on node-3 \(403 permission_error\): the token lacks the user:profile scope \(a `claude setup-token` token cannot read usage\)/);
    assert.equal(p.backoffSeconds, undefined);
  });

  it("turns a 429 into rate-limited with a backoff of at least five minutes, longer when Retry-After says so", () => {
    const p = parseClaudeOauth(answer(429, { type: "error", error: { type: "rate_limit_error", message: "Rate limited" } }, "0"), at);
    assert.deepEqual(p, { problem: "rate_limited", detail: "the usage endpoint rate-limited node-3 (429, retry-after 0); no call from there for 5 min", backoffSeconds: 300 });
    assert.equal(backoffSeconds("900"), 900);
    assert.equal(backoffSeconds(null), 300);
    assert.equal(backoffSeconds(new Date(Date.UTC(2026, 0, 1, 1, 0)).toUTCString(), Date.UTC(2026, 0, 1, 0, 0)), 3600);
    assert.equal(backoffSeconds("999999999"), 86_400);
  });

  it("reports a redirect as not followed, and other statuses as HTTP errors", () => {
    const p = parseClaudeOauth(answer(302, ""), at);
    assert.ok("problem" in p && p.problem === "http" && /redirected node-3 \(302\); not followed/.test(p.detail));
    const q = parseClaudeOauth(answer(503, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }), at);
    assert.deepEqual(q, { problem: "http", detail: "the usage endpoint answered 503 on node-3: Overloaded" });
  });

  it("says where the login is missing, without calling", () => {
    const p = parseClaudeOauth({ login: "missing", path: "/home/agent/.claude/.credentials.json" }, at);
    assert.deepEqual(p, { problem: "no_reading", detail: "no Claude Code login on node-3 (/home/agent/.claude/.credentials.json): run `claude` on node-3 and /login" });
    const q = parseClaudeOauth({ login: "no_token", path: "/c/.credentials.json" }, at);
    assert.ok("problem" in q && /no claudeAiOauth\.accessToken/.test(q.detail));
  });
});

// The gate in front of sources that call an endpoint (Claude `oauth`), over a real state.db:
// after a 429 the node is not asked again before its backoff ends; with no earlier reading to
// keep, that is said as rate-limited; a refused stand-in address answers without a call; other
// sources pass untouched.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { callGate } from "../../../../src/monitor/agents/call-gate.ts";
import { planWindow } from "../../../../src/monitor/agents/sources/parsed.ts";
import type { AgentRequest } from "../../../../src/monitor/agents/agent-targets.ts";
import { failed } from "../../../../src/monitor/providers/reading.ts";
import { openDb, Store } from "../../../../src/store/index.ts";
import { tmpDir } from "../../../helpers/tmp-dir.ts";

const oauth: AgentRequest = { key: "claude:max", provider: "claude", label: "max", source: "oauth", dir: "~/.claude" };
const feed: AgentRequest = { key: "claude:pro", provider: "claude", label: "pro", source: "statusline", dir: "~/.claude" };
const t0 = Date.UTC(2026, 2, 4, 10, 0);
const db = () => new Store(openDb(join(tmpDir(), "state.db"))).db;

describe("callGate", () => {
  it("holds a node off after a 429 until the backoff ends, as rate-limited when there is no reading to keep", () => {
    let now = t0;
    const gate = callGate({ db: db(), env: {}, now: () => new Date(now), timeoutMs: 10_000 });
    assert.deepEqual(gate.hold("node-1", [oauth]).send, [oauth]);
    const answer = gate.settle("node-1", oauth, { node: "node-1", problem: failed("rate_limited", "the usage endpoint rate-limited node-1 (429)"), backoffSeconds: 300 });
    assert.ok("problem" in answer && answer.problem.errorKind === "rate_limited");
    now = t0 + 299_000;
    const held = gate.hold("node-1", [oauth, feed]);
    assert.deepEqual(held.send, [feed], "the other source is still read");
    const [h] = held.held;
    assert.ok(h && "problem" in h.answer);
    assert.equal(h.answer.problem.detail, "node-1 is backing off after a 429 from the usage endpoint; next call after 2026-03-04 10:05 UTC");
    assert.deepEqual(gate.hold("node-2", [oauth]).send, [oauth], "another node is not held");
    now = t0 + 300_000;
    assert.deepEqual(gate.hold("node-1", [oauth]).send, [oauth]);
  });

  it("keeps a good reading, and after a 429 answers with it marked stale", () => {
    const gate = callGate({ db: db(), env: {}, now: () => new Date(t0), timeoutMs: 10_000 });
    const reading = { node: "node-1", source: "oauth", at: new Date(t0 - 60_000).toISOString(), windows: [planWindow("5h", 300, 40, null)] };
    gate.settle("node-1", oauth, { node: "node-1", reading });
    const kept = gate.settle("node-1", oauth, { node: "node-1", problem: failed("rate_limited", "429 here"), backoffSeconds: 600 });
    assert.ok("reading" in kept);
    assert.deepEqual([kept.reading.stale, kept.reading.at, kept.reading.windows[0]!.usedPct], [true, reading.at, 40]);
    assert.equal(kept.reading.note, "kept from the last answer: 429 here; next call after 2026-03-04 10:10 UTC");
  });

  it("answers every Claude oauth request itself when the stand-in address is refused, and passes the loopback one on", () => {
    const refused = callGate({ env: { OYSTER_TEST_CLAUDE_USAGE_URL: "http://10.255.255.1/x" }, now: () => new Date(t0), timeoutMs: 10_000 });
    const r = refused.hold("node-1", [oauth, feed]);
    assert.deepEqual(r.send, [feed]);
    assert.match(r.held[0]!.answer && "problem" in r.held[0]!.answer ? r.held[0]!.answer.problem.detail ?? "" : "", /^node-1: refused OYSTER_TEST_CLAUDE_USAGE_URL/);
    assert.equal(refused.extra.claudeUsageUrl, undefined);
    const loop = callGate({ env: { OYSTER_TEST_CLAUDE_USAGE_URL: "http://127.0.0.1:9/api/oauth/usage" }, now: () => new Date(t0), timeoutMs: 10_000 });
    assert.deepEqual(loop.extra, { httpTimeoutMs: 7000, claudeUsageUrl: "http://127.0.0.1:9/api/oauth/usage" });
  });
});

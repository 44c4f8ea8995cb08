// monitor.agents, Claude `oauth` source, on a rig of real OpenSSH nodes against a loopback
// stand-in for Anthropic's usage endpoint (the rig's nodes run on this machine, so 127.0.0.1 is
// reachable from them). Each node logs in with its own fake token in <dir>/.credentials.json
// (0600, the node user's). The reader on the node reads the token and calls; the controller
// turns the answer into windows or a worded problem, and keeps a 429'd node off the endpoint.
import assert from "node:assert/strict";
import { chmodSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../../../src/cli.ts";
import { checkAll } from "../../../../src/monitor/check-all.ts";
import { openRuntime, type Runtime } from "../../../../src/runtime.ts";
import { putAgentFile } from "../../../helpers/agent-files.ts";
import { startUsageStandin, usageBody, usageError, type UsageStandin } from "../../../helpers/claude-usage-standin.ts";
import { makeFleet, type Fleet } from "../../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../../helpers/rig/index.ts";
import { assertNowhere, watchCall, type CallWatch } from "../../../helpers/secret-sweep.ts";
import { captureOutput } from "../../../helpers/capture-output.ts";

const TOKEN_1 = "sk-ant-oat01-rigNodeOneToken_Q2xhdWRlT2F1dGhUZXN0MDEyMzQ1Njc4OQ-AAAA";
const TOKEN_2 = "sk-ant-oat01-rigNodeTwoToken_Q2xhdWRlT2F1dGhUZXN0OTg3NjU0MzIxMA-BBBB";
const REFRESH = "sk-ant-ort01-rigRefreshToken_bmV2ZXIgc2VudCBhbnl3aGVyZQ-CCCC";
const minutes = (n: number) => n * 60_000;
const reset = (ms: number) => new Date(Date.now() + ms).toISOString().replace("Z", "000+00:00");

describe("monitor.agents claude oauth", () => {
  let rig: Rig;
  let fleet: Fleet;
  let standin: UsageStandin;
  let rt: Runtime | undefined;
  before(async () => {
    [rig, standin] = await Promise.all([startRig(2), startUsageStandin()]);
    const dir = `${rig.dir}/{node}/claude`;
    fleet = makeFleet(rig, { oyster: { monitor: { agents: [
      { provider: "claude", label: "max", source: "oauth", nodes: ["node-1"], dir },
      { provider: "claude", label: "team", source: "oauth", nodes: ["node-2"], dir },
      { provider: "claude", label: "nologin", source: "oauth", nodes: ["node-1"], dir: `${rig.dir}/{node}/claude-nologin` },
    ] } } });
    Object.assign(fleet.env, { OYSTER_TEST_CLAUDE_USAGE_URL: standin.url, LOG_LEVEL: "debug" });
    for (const [node, token] of [["node-1", TOKEN_1], ["node-2", TOKEN_2]] as const) {
      const creds = { claudeAiOauth: { accessToken: token, refreshToken: REFRESH, expiresAt: Date.now() + minutes(600), scopes: ["user:inference", "user:profile"], subscriptionType: "max" } };
      chmodSync(putAgentFile(rig.node(node), "claude/.credentials.json", JSON.stringify(creds)), 0o600);
    }
  });
  after(async () => {
    await rt?.close();
    await Promise.all([rig?.close(), standin?.close()]);
  });

  const quota = async () => {
    const r = await fleet.oyster(["quota"]);
    const of = (label: string) => (r.doc.windows as any[]).filter((w) => w.provider === "claude" && w.account === label);
    return { ...r, of };
  };
  const callsWith = (token: string) => standin.requests.filter((q) => q.token === token).length;

  it("reads the plan's windows on the node with its own token: 5h, weekly, weekly sonnet; null keys ignored; a new window listed", async () => {
    const five = reset(minutes(130));
    standin.answer(TOKEN_1, { body: usageBody({
      five_hour: { utilization: 31.0, resets_at: five },
      seven_day: { utilization: 58.0, resets_at: reset(minutes(60 * 70)) },
      seven_day_sonnet: { utilization: 4.0, resets_at: reset(minutes(60 * 74)) },
      seven_day_opus: null, seven_day_oauth_apps: null, iguana_necktie: null,
      seven_day_cowork: { utilization: 12.0, resets_at: reset(minutes(60 * 74)) },
    }) });
    const before = standin.requests.length;
    const { of } = await quota();
    const byName = new Map(of("max").map((w) => [w.window, w]));
    assert.deepEqual([...byName.keys()], ["5h", "weekly", "weekly sonnet", "seven_day_cowork"]);
    assert.deepEqual([byName.get("5h").usedPct, byName.get("5h").windowSeconds, byName.get("5h").resetsAt], [31, 18_000, new Date(Date.parse(five)).toISOString()]);
    assert.deepEqual([byName.get("weekly").usedPct, byName.get("weekly").windowSeconds, byName.get("weekly sonnet").usedPct], [58, 604_800, 4]);
    assert.deepEqual([byName.get("seven_day_cowork").usedPct, byName.get("seven_day_cowork").windowSeconds], [12, null]);
    for (const w of of("max")) assert.deepEqual([w.node, w.source, w.status, w.stale], ["node-1", "oauth", "ok", undefined]);
    const sent = standin.requests.slice(before).filter((q) => q.token === TOKEN_1);
    assert.equal(sent.length, 1);
    assert.deepEqual([sent[0]!.method, sent[0]!.path, sent[0]!.headers.authorization, sent[0]!.headers["anthropic-beta"], sent[0]!.headers.accept, sent[0]!.headers["user-agent"]],
      ["GET", "/api/oauth/usage", `Bearer ${TOKEN_1}`, "oauth-2025-04-20", "application/json", "oyster"]);
  });

  it("shows the token in no process's arguments or environment during the call, and in no log, output or audit row", async () => {
    standin.answer(TOKEN_1, { body: usageBody({ five_hour: { utilization: 33, resets_at: reset(minutes(120)) } }) });
    const watch: CallWatch = watchCall(standin, [TOKEN_1, TOKEN_2, REFRESH]);
    const json = await fleet.oyster(["quota"]);
    const text = captureOutput();
    await runCli(["quota"], { env: fleet.env, out: text.out });
    const monitor = await fleet.oyster(["run", "monitor"]);
    watch.stop();
    assert.ok(watch.calls > 0, "the stand-in was called: the scan ran mid-call");
    assert.ok(watch.readersSeen > 0, "the scan saw the node's reader process (python3 with the request)");
    assert.deepEqual(watch.leaks, []);
    assert.match(text.stdout, /33/);
    assertNowhere([TOKEN_1, TOKEN_2, REFRESH], { "quota --json": JSON.stringify(json), "quota text": text.stdout + text.stderr, "run monitor": JSON.stringify(monitor) }, fleet.dataDir);
  });

  it("says 'log in again on <node>' when the endpoint refuses the login (401 token_expired)", async () => {
    standin.answer(TOKEN_1, { status: 401, body: usageError("authentication_error", "OAuth token has expired. Please obtain a new token or refresh your existing token.", "token_expired") });
    const [w] = (await quota()).of("max");
    assert.deepEqual([w.window, w.status, w.errorKind], ["account", "error", "key_rejected"]);
    assert.match(w.detail, /^log in again on node-1: .*401 token_expired.*run `claude` on node-1 and \/login/);
  });

  it("says 're-login needed' for a token without the user:profile scope (403 permission_error)", async () => {
    standin.answer(TOKEN_1, { status: 403, body: usageError("permission_error", "OAuth token does not meet scope requirement user:profile") });
    const [w] = (await quota()).of("max");
    assert.deepEqual([w.status, w.errorKind], ["error", "key_rejected"]);
    assert.match(w.detail, /^re-login needed on node-1 \(403 permission_error\): the token lacks the user:profile scope \(a `claude setup-token` token cannot read usage\)/);
  });

  it("says where the Claude Code login is missing, and calls nothing for it", async () => {
    const [w] = (await quota()).of("nologin");
    assert.deepEqual([w.status, w.errorKind], ["error", "no_reading"]);
    assert.equal(w.detail, `no Claude Code login on node-1 (${rig.dir}/node-1/claude-nologin/.credentials.json): run \`claude\` on node-1 and /login`);
  });

  it("refuses a stand-in address that is not loopback: no request sent anywhere, no hang", async () => {
    const before = standin.requests.length;
    fleet.env.OYSTER_TEST_CLAUDE_USAGE_URL = "http://10.255.255.1/api/oauth/usage";
    try {
      const t0 = Date.now();
      const [w] = (await quota()).of("max");
      assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
      assert.match(w.detail, /^node-1: refused OYSTER_TEST_CLAUDE_USAGE_URL=http:\/\/10\.255\.255\.1\/api\/oauth\/usage: only http\(s\) on 127\.0\.0\.1, ::1 or localhost/);
    } finally {
      fleet.env.OYSTER_TEST_CLAUDE_USAGE_URL = standin.url;
    }
    // The node's reader refuses too, whatever the controller passed it.
    rt ??= openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    const t0 = Date.now();
    const checks = await checkAll(rt.config, fleet.env, { ssh: rt.ssh, agentExtra: { claudeUsageUrl: "http://10.255.255.1:443/api/oauth/usage" } });
    assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
    const max = checks.find((c) => c.provider === "claude" && c.account === "max")!;
    assert.match(max.windows[0]!.detail ?? "", /^node-1: refused claudeUsageUrl http:\/\/10\.255\.255\.1:443\/api\/oauth\/usage: only http\(s\) on 127\.0\.0\.1, ::1 or localhost .*no token was read or sent/);
    assert.equal(standin.requests.length, before);
  });

  it("keeps the last reading, marked stale, after a 429 with retry-after 0, and calls no more from that node for 5 minutes", async () => {
    standin.answer(TOKEN_2, { body: usageBody({ five_hour: { utilization: 44, resets_at: reset(minutes(200)) }, seven_day: { utilization: 63, resets_at: reset(minutes(60 * 50)) } }) });
    const first = (await quota()).of("team");
    assert.deepEqual(first.map((w) => [w.window, w.usedPct, w.stale]), [["5h", 44, undefined], ["weekly", 63, undefined]]);
    standin.answer(TOKEN_2, { status: 429, headers: { "retry-after": "0" }, body: usageError("rate_limit_error", "Rate limited. Please try again later.") });
    const limited = (await quota()).of("team");
    assert.deepEqual(limited.map((w) => [w.window, w.usedPct, w.stale, w.node]), [["5h", 44, true, "node-2"], ["weekly", 63, true, "node-2"]]);
    assert.match(limited[0].note, /kept from the last answer: the usage endpoint rate-limited node-2 \(429, retry-after 0\); .*next call after/);
    const calls = callsWith(TOKEN_2);
    // Within five minutes: neither `quota` nor the monitor job (another command, same state.db) asks node-2 again.
    const again = (await quota()).of("team");
    await fleet.oyster(["run", "monitor"]);
    assert.equal(callsWith(TOKEN_2), calls, "no request from node-2 while it backs off");
    assert.deepEqual(again.map((w) => [w.window, w.usedPct, w.stale]), [["5h", 44, true], ["weekly", 63, true]]);
    assert.equal((await quota()).of("max").length > 0, true, "the other node's account is still read");
  });

  it("backs off at least five minutes, and as long as Retry-After says when that is longer", async () => {
    rt ??= openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    const t0 = Date.now() + minutes(60); // past the backoff the test above started
    const check = (at: number) => checkAll(rt!.config, fleet.env, { ssh: rt!.ssh, db: rt!.store.db, now: () => new Date(at) });
    const team = (checks: Awaited<ReturnType<typeof check>>) => checks.find((c) => c.account === "team")!.windows;
    standin.answer(TOKEN_2, { status: 429, headers: { "retry-after": "0" } });
    let calls = callsWith(TOKEN_2);
    await check(t0);
    assert.equal(callsWith(TOKEN_2), calls + 1, "the backoff from before is over: one call");
    await check(t0 + minutes(4) + 50_000);
    assert.equal(callsWith(TOKEN_2), calls + 1, "4 min 50 s later: still backing off");
    standin.answer(TOKEN_2, { status: 429, headers: { "retry-after": "900" } });
    await check(t0 + minutes(5) + 10_000);
    assert.equal(callsWith(TOKEN_2), calls + 2, "5 min 10 s later: called again (and told 900 s)");
    calls = callsWith(TOKEN_2);
    const held = team(await check(t0 + minutes(5) + 10_000 + minutes(14)));
    assert.equal(callsWith(TOKEN_2), calls, "14 min into a 15 min Retry-After: no call");
    assert.ok(held.every((w) => w.stale === true), JSON.stringify(held));
    standin.answer(TOKEN_2, { body: usageBody({ five_hour: { utilization: 12, resets_at: reset(minutes(400)) } }) });
    const fresh = team(await check(t0 + minutes(5) + 10_000 + minutes(15) + 5_000));
    assert.equal(callsWith(TOKEN_2), calls + 1, "after the 15 min: called again");
    assert.deepEqual(fresh.map((w) => [w.window, w.usedPct]), [["5h", 12]]);
  });
});

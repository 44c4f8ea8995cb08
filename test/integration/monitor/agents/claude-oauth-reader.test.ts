// The node-side reader's `claude:oauth` source run by a real python3 against a real loopback
// HTTP stand-in (no SSH: what the program itself does with the token). It follows no redirect,
// prints nothing of the token even when the server echoes it, refuses any non-loopback stand-in
// address before it reads the token or connects anywhere, and ends a hung call within its budget.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { READER_PY } from "../../../../src/monitor/agents/remote/reader-script.ts";
import { startUsageStandin, usageBody, type UsageStandin } from "../../../helpers/claude-usage-standin.ts";
import { tmpDir } from "../../../helpers/tmp-dir.ts";

const TOKEN = "sk-ant-oat01-readerTestToken_0123456789abcdefABCDEF-xyz";
const REFRESH = "sk-ant-ort01-readerTestRefresh_0123456789abcdefABCDEF";

type Out = { readings: Array<{ ok: boolean; error?: string; detail?: string; data?: any; at?: string | null }> };

function runReader(req: Record<string, unknown>): Promise<{ stdout: string; stderr: string; ms: number; out: Out }> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-", JSON.stringify(req)], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", () => {
      try {
        resolve({ stdout, stderr, ms: Date.now() - t0, out: JSON.parse(stdout) as Out });
      } catch (e) {
        reject(new Error(`reader printed no JSON: ${stdout} ${stderr} ${String(e)}`));
      }
    });
    child.stdin.end(READER_PY);
  });
}

describe("claude oauth reader (python3, loopback stand-in)", () => {
  let standin: UsageStandin;
  let dir: string;
  const request = (more: Record<string, unknown>) => ({ accounts: [{ key: "claude:max", provider: "claude", source: "oauth", dir }], httpTimeoutMs: 4000, ...more });
  before(async () => {
    standin = await startUsageStandin();
    dir = tmpDir("oyster-claude-");
    writeFileSync(join(dir, ".credentials.json"), JSON.stringify({ claudeAiOauth: { accessToken: TOKEN, refreshToken: REFRESH, expiresAt: Date.now() + 3_600_000, scopes: ["user:inference", "user:profile"] } }), { mode: 0o600 });
  });
  after(async () => standin?.close());

  it("sends the token in the Authorization header only, with the beta header, and returns status and body", async () => {
    standin.answer(TOKEN, { body: usageBody({ five_hour: { utilization: 9, resets_at: "2026-03-04T11:59:59+00:00" } }) });
    const before = standin.requests.length;
    const { out, stdout } = await runReader(request({ claudeUsageUrl: standin.url }));
    const r = out.readings[0]!;
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.data.status, 200);
    assert.equal(r.data.body.five_hour.utilization, 9);
    const seen = standin.requests.slice(before);
    assert.equal(seen.length, 1);
    assert.deepEqual([seen[0]!.method, seen[0]!.path, seen[0]!.headers.authorization, seen[0]!.headers["anthropic-beta"], seen[0]!.headers.accept, seen[0]!.headers["user-agent"]],
      ["GET", "/api/oauth/usage", `Bearer ${TOKEN}`, "oauth-2025-04-20", "application/json", "oyster"]);
    assert.ok(!stdout.includes(TOKEN) && !stdout.includes(REFRESH));
  });

  it("follows no redirect: a 3xx is returned as it is, and nothing is sent to its Location", async () => {
    standin.answer(TOKEN, { status: 302, headers: { location: `${standin.url}?elsewhere=1` }, body: "" });
    const before = standin.requests.length;
    const { out } = await runReader(request({ claudeUsageUrl: standin.url }));
    assert.equal(out.readings[0]!.data.status, 302);
    assert.equal(standin.requests.length - before, 1, "one request: the Location was not visited");
  });

  it("prints nothing of the token even when the server echoes it back", async () => {
    standin.answer(TOKEN, (req) => ({ status: 400, body: `bad request from ${req.headers.authorization}` }));
    const { out, stdout } = await runReader(request({ claudeUsageUrl: standin.url }));
    assert.equal(out.readings[0]!.data.status, 400);
    assert.ok(!stdout.includes(TOKEN), stdout);
  });

  it("refuses a non-loopback stand-in address before reading the token or connecting", async () => {
    const before = standin.requests.length;
    for (const url of ["http://10.255.255.1/api/oauth/usage", "https://api.anthropic.com.example/api/oauth/usage", "ftp://127.0.0.1/x", "http://u:p@127.0.0.1/x"]) {
      const { out, ms } = await runReader(request({ claudeUsageUrl: url }));
      const r = out.readings[0]!;
      assert.equal(r.ok, false);
      assert.equal(r.error, "refused");
      assert.match(r.detail ?? "", /^refused claudeUsageUrl .*only http\(s\) on 127\.0\.0\.1, ::1 or localhost .*no token was read or sent$/);
      // 10.255.255.1 swallows packets: a connect attempt would have waited out the whole budget.
      assert.ok(ms < 3000, `${url}: ${ms} ms`);
    }
    assert.equal(standin.requests.length, before);
  });

  it("ends a hung call within its budget, saying so, without the token", async () => {
    standin.answer(TOKEN, { hang: true });
    const { out, ms, stdout } = await runReader(request({ claudeUsageUrl: standin.url, httpTimeoutMs: 1500 }));
    assert.deepEqual([out.readings[0]!.ok, out.readings[0]!.error], [false, "timeout"]);
    assert.ok(ms < 4000, `${ms} ms`);
    assert.ok(!stdout.includes(TOKEN));
  });

  it("says the login is missing, and never prints a credentials file it cannot parse", async () => {
    const empty = tmpDir("oyster-claude-none-");
    const missing = await runReader({ accounts: [{ key: "claude:max", provider: "claude", source: "oauth", dir: empty }], claudeUsageUrl: standin.url });
    assert.deepEqual(missing.out.readings[0]!.data, { login: "missing", path: join(empty, ".credentials.json") });
    writeFileSync(join(empty, ".credentials.json"), `{"claudeAiOauth": {"accessToken": "${TOKEN}", `, { mode: 0o600 });
    const broken = await runReader({ accounts: [{ key: "claude:max", provider: "claude", source: "oauth", dir: empty }], claudeUsageUrl: standin.url });
    assert.deepEqual(broken.out.readings[0]!.data, { login: "unreadable", path: join(empty, ".credentials.json") });
    assert.ok(!broken.stdout.includes(TOKEN));
  });
});

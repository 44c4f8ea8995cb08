// `oyster quota` in-process against the provider stand-in (real HTTP on loopback, the documented
// shapes) and a real state.db in a temp data dir: the live check, its exit code, the samples it
// stores, and history's arguments.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, beforeEach, describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import type { QuotaSample } from "../../../src/monitor/quota-samples.ts";
import type { HistoryData } from "../../../src/monitor/render/history.ts";
import type { QuotaReport } from "../../../src/monitor/render/quota-report.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { startProviderStandin, ZAI_QUOTA } from "../../helpers/provider-standin/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const providers = await startProviderStandin();
after(() => providers.close());
beforeEach(() => providers.reset());

const KEYS = { ZAI_KEY: "zai-good-key-abcdef.123456", OPENAI_KEY: "sk-proj-good-openai-key-5678" };

/** A sandbox whose oyster.json has a Z.ai and an OpenAI account on the stand-in, nothing else. */
function sandbox(monitor: Record<string, unknown> = {}) {
  const dir = tmpDir();
  const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH, ...KEYS };
  mkdirSync(env.OYSTER_CONFIG_DIR);
  const accounts = { zai: [{ label: "glm", keyEnv: "ZAI_KEY", baseUrl: providers.url }], openai: [{ label: "gpt", keyEnv: "OPENAI_KEY", baseUrl: providers.url, probeModel: "gpt-4o-mini" }] };
  writeFileSync(join(env.OYSTER_CONFIG_DIR, "oyster.json"), JSON.stringify({ monitor: { providers: accounts, timeoutMs: 3000, ...monitor } }));
  let t = Date.parse("2026-02-09T12:00:00.000Z");
  const now = () => new Date(t);
  const run = async (...argv: string[]) => {
    const c = captureOutput();
    const code = await runCli(argv, { env, out: c.out, io: { input: new PassThrough(), output: new PassThrough() }, now });
    return { code, stdout: c.stdout, stderr: c.stderr };
  };
  return { run, advance: (minutes: number) => (t += minutes * 60_000) };
}

describe("oyster quota", () => {
  it("--json checks every account live: per window used, limit, remaining, usedPct, resetsAt, status, forecast", async () => {
    const { run } = sandbox();
    const r = await run("quota", "--json");
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const doc = JSON.parse(r.stdout) as QuotaReport;
    assert.deepEqual(doc.windows.map((w) => `${w.provider}:${w.account}:${w.window}:${w.status}`), ["openai:gpt:requests:ok", "openai:gpt:tokens:ok", "zai:glm:5h tokens:ok", "zai:glm:time (unit 5, number 1):ok"]);
    const fiveHours = doc.windows.find((w) => w.provider === "zai" && w.usedPct === 15)!;
    assert.deepEqual(
      { used: fiveHours.used, limit: fiveHours.limit, remaining: fiveHours.remaining, usedPct: fiveHours.usedPct, resetsAt: fiveHours.resetsAt, status: fiveHours.status },
      { used: 127694464, limit: 800000000, remaining: 672305536, usedPct: 15, resetsAt: "2026-02-09T14:46:42.389Z", status: "ok" },
    );
    assert.equal(fiveHours.resetsInSeconds, 10_002);
    assert.ok("forecast" in fiveHours);
    assert.deepEqual(doc.notConfigured, ["anthropic", "minimax"]);
  });

  it("lists providers without accounts as not configured in the table", async () => {
    const { run } = sandbox();
    const r = await run("quota");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^PROVIDER\s+ACCOUNT\s+WINDOW\s+USED\s+LIMIT\s+LEFT\s+USED%\s+RESETS\s+IN\s+STATUS\s+FORECAST/);
    assert.match(r.stdout, /zai\s+glm\s+5h tokens\s+127\.7M\s+800M\s+672\.3M\s+15%\s+2026-02-09 14:46 UTC\s+in 2h 46m\s+ok\s+-/);
    assert.match(r.stdout, /not configured: anthropic, minimax/);
  });

  it("exits 1 when a window is exhausted, still printing one JSON document", async () => {
    const { run } = sandbox();
    const full = { ...ZAI_QUOTA.data.limits[0]!, currentValue: 800000000, remaining: 0, percentage: 100 };
    providers.route("GET /api/monitor/usage/quota/limit", { body: { ...ZAI_QUOTA, data: { limits: [full] } } });
    const r = await run("quota", "--json");
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout) as QuotaReport;
    assert.equal(doc.windows.find((w) => w.provider === "zai")?.status, "exhausted");
  });

  it("exits 1 when an account's key is rejected, naming why", async () => {
    const { run } = sandbox();
    providers.acceptKeys([KEYS.OPENAI_KEY]);
    const r = await run("quota");
    assert.equal(r.code, 1);
    assert.match(r.stdout, /zai\s+glm\s+.*error: .*/);
  });

  it("stores every check, so history --json returns the samples, oldest first, filtered by --account", async () => {
    const { run, advance } = sandbox();
    assert.equal((await run("quota", "--json")).code, 0);
    advance(5);
    providers.route("GET /api/monitor/usage/quota/limit", { body: { ...ZAI_QUOTA, data: { limits: [{ ...ZAI_QUOTA.data.limits[0]!, currentValue: 200000000, remaining: 600000000, percentage: 25 }] } } });
    assert.equal((await run("quota", "--json")).code, 0);
    const all = JSON.parse((await run("quota", "history", "--json")).stdout) as HistoryData;
    assert.equal(all.samples.length, 4 + 3);
    assert.deepEqual([all.hours, all.account], [24, null]);
    const glm = await run("quota", "history", "--account", "glm", "--hours", "1", "--json");
    assert.equal(glm.code, 0, glm.stderr);
    const doc = JSON.parse(glm.stdout) as HistoryData;
    const fiveHours = doc.samples.filter((s: QuotaSample) => s.window === "5h tokens");
    assert.deepEqual(fiveHours.map((s) => [s.at, s.usedPct]), [["2026-02-09T12:00:00.000Z", 15], ["2026-02-09T12:05:00.000Z", 25]]);
    assert.ok(doc.samples.every((s) => s.provider === "zai"));
    const text = await run("quota", "history");
    assert.match(text.stdout, /zai\s+glm\s+5h tokens\s+25%\s+15%\s+25%\s+2\s+\|/);
  });

  it("refuses an unknown --account with exit 2, naming the configured ones", async () => {
    const { run } = sandbox();
    const r = await run("quota", "history", "--account", "nope", "--json");
    assert.equal(r.code, 2);
    const doc = JSON.parse(r.stdout) as { ok: false; error: { code: string; message: string } };
    assert.equal(doc.error.code, "InvalidArgument");
    assert.match(doc.error.message, /"nope" is not a configured account; one of gpt, glm/);
  });

  it("refuses --hours that is not a positive whole number or reaches past monitor.keepDays (exit 2)", async () => {
    const { run } = sandbox({ keepDays: 2 });
    for (const hours of ["0", "-3", "1.5", "abc", "49"]) {
      const r = await run("quota", "history", "--hours", hours);
      assert.equal(r.code, 2, `--hours ${hours}: ${r.stdout}`);
      assert.match(r.stderr, /--hours/);
    }
    assert.equal((await run("quota", "history", "--hours", "48")).code, 0);
  });

  it("refuses flags that belong to another subcommand, and a watch interval out of range (exit 2)", async () => {
    const { run } = sandbox();
    for (const argv of [["quota", "--hours", "3"], ["quota", "watch", "--account", "glm"], ["quota", "history", "--interval", "60"], ["quota", "watch", "--interval", "5"], ["quota", "watch", "--interval", "7200"], ["quota", "forecast"]]) {
      const r = await run(...argv);
      assert.equal(r.code, 2, `${argv.join(" ")}: ${r.stderr}`);
    }
    // watch streams tables: it cannot keep stdout to one JSON document.
    const json = await run("quota", "watch", "--json");
    assert.equal(json.code, 2);
    assert.match(json.stdout, /without --json/);
  });
});

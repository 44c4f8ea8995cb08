// The monitor job end to end, as an operator runs it: `oyster run monitor` (no confirmation) in
// process against the provider stand-in (real HTTP on loopback) and a real state.db. Crossing the
// first threshold raises one warning; the same level again raises nothing new; the window's reset
// resolves it; every run's windows are in the samples.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { startProviderStandin, ZAI_QUOTA } from "../../helpers/provider-standin/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const providers = await startProviderStandin();
after(() => providers.close());

/** Z.ai's documented answer with its 5-hour window at `pct` used. */
function zaiAt(pct: number) {
  const [fiveHours, time] = ZAI_QUOTA.data.limits;
  const used = (fiveHours!.usage * pct) / 100;
  return { ...ZAI_QUOTA, data: { limits: [{ ...fiveHours, currentValue: used, remaining: fiveHours!.usage - used, percentage: pct }, time] } };
}

describe("oyster run monitor", () => {
  it("raises one warning at 85%, keeps it through another run, resolves it after the window resets", async () => {
    const dir = tmpDir();
    const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH, ZAI_KEY: "zai-good-key-abcdef.123456" };
    mkdirSync(env.OYSTER_CONFIG_DIR);
    writeFileSync(join(env.OYSTER_CONFIG_DIR, "oyster.json"), JSON.stringify({ monitor: { providers: { zai: [{ label: "glm", keyEnv: "ZAI_KEY", baseUrl: providers.url }] }, timeoutMs: 3000 } }));
    let t = Date.parse("2026-02-09T12:00:00.000Z");
    const run = async (...argv: string[]) => {
      const c = captureOutput();
      // No terminal and no --yes: a job that needed confirmation would be refused (exit 3) here.
      const code = await runCli(argv, { env, out: c.out, io: { input: new PassThrough(), output: new PassThrough() }, now: () => new Date(t) });
      return { code, stdout: c.stdout, stderr: c.stderr };
    };
    const openAlerts = async () => {
      const r = await run("alerts", "--json");
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as { alerts: Array<{ id: string; source: string; check: string; severity: string; message: string; node: string | null }> }).alerts;
    };

    providers.route("GET /api/monitor/usage/quota/limit", { body: zaiAt(85) });
    const first = await run("run", "monitor");
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const raised = await openAlerts();
    assert.equal(raised.length, 1, JSON.stringify(raised));
    assert.deepEqual([raised[0]!.source, raised[0]!.severity, raised[0]!.node], ["monitor", "warning", null]);
    assert.match(raised[0]!.check, /zai.*glm.*5h tokens/);
    assert.match(raised[0]!.message, /glm/);

    t += 5 * 60_000;
    assert.equal((await run("run", "monitor")).code, 0);
    assert.deepEqual((await openAlerts()).map((a) => a.id), [raised[0]!.id], "the same alert, not a second one");

    t += 5 * 60_000;
    providers.route("GET /api/monitor/usage/quota/limit", { body: zaiAt(3) });
    assert.equal((await run("run", "monitor")).code, 0);
    assert.deepEqual(await openAlerts(), []);

    const history = await run("quota", "history", "--json", "--hours", "1");
    assert.equal(history.code, 0, history.stderr);
    const pcts = (JSON.parse(history.stdout) as { samples: Array<{ window: string; usedPct: number }> }).samples.filter((s) => s.window === "5h tokens").map((s) => s.usedPct);
    assert.deepEqual(pcts, [85, 85, 3]);
  });
});

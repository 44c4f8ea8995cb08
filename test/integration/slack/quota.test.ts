// /oyster quota and /oyster quota history over Socket Mode: the bot's real Bolt app, the Slack
// stand-in, the provider stand-in on loopback, a real state.db. The chart must arrive at the
// stand-in's upload URL as a PNG that decodes.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { QuotaSamples } from "../../../src/monitor/quota-samples.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { readPng } from "../../helpers/png-check.ts";
import { startProviderStandin, type ProviderStandin } from "../../helpers/provider-standin/index.ts";
import { sampleSeries } from "../../helpers/quota-samples-fixture.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const json = (v: unknown) => JSON.stringify(v);
const TIMEOUT_MS = 2500;

describe("/oyster quota over Socket Mode", () => {
  let providers: ProviderStandin;
  let standIn: StandIn;
  let rt: Runtime;
  let slack: SlackApp;

  before(async () => {
    providers = await startProviderStandin();
    standIn = await startStandIn();
    const dir = tmpDir();
    const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH, ZAI_KEY: "zai-good-key-abcdef.123456" };
    mkdirSync(env.OYSTER_CONFIG_DIR);
    const monitor = { providers: { zai: [{ label: "glm", keyEnv: "ZAI_KEY", baseUrl: providers.url }] }, timeoutMs: TIMEOUT_MS };
    writeFileSync(join(env.OYSTER_CONFIG_DIR, "oyster.json"), JSON.stringify({ monitor }));
    rt = openRuntime({ processEnv: env, stderrLevel: "silent" });
    const deps = { config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log, env, dataDir: rt.env.dataDir, commands, now: () => new Date() };
    slack = createSlackApp({ enabled: true, mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: standIn.apiUrl }, deps, { port: 0 });
    await slack.start();
    await standIn.waitForSocket();
  });
  after(async () => {
    await slack?.stop();
    await rt?.close();
    await standIn?.close();
    await providers?.close();
  });
  beforeEach(() => {
    standIn.reset();
    providers.reset();
    rt.store.db.prepare("DELETE FROM quota_samples").run();
  });

  const answerTo = (responseUrl: string) => standIn.responses.filter((x) => x.id === responseUrl.split("/").at(-1)).map((x) => x.body);

  it("answers /oyster quota in the ack with Block Kit, every window and the unconfigured providers", async () => {
    const r = await standIn.slashCommand({ text: "quota", user_id: "UVIEW", channel_id: "COPS" });
    const answer = json(r.ack) + json(answerTo(r.responseUrl));
    assert.match(answer, /\*zai · glm\*/);
    assert.match(answer, /:large_green_circle: `5h tokens` \*15%\* used/);
    assert.match(answer, /not configured: anthropic, openai, minimax/);
  });

  it("acks with a 'working on' note while a provider hangs, then answers at the response_url with its timeout", async () => {
    providers.route("GET /api/monitor/usage/quota/limit", { hang: true });
    const r = await standIn.slashCommand({ text: "quota", user_id: "UVIEW", channel_id: "COPS" });
    assert.match(json(r.ack), /working on `\/oyster quota`/);
    const later = await waitUntil(() => answerTo(r.responseUrl).at(0), "the answer at the response_url", TIMEOUT_MS + 5000);
    assert.match(json(later), /:warning: `[^`]+` error/);
  });

  it("uploads /oyster quota history to the channel as a PNG chart through the three upload steps", async () => {
    const now = new Date();
    const from = new Date(now.getTime() - 6 * 3600_000).toISOString();
    for (const s of sampleSeries(from, now.toISOString(), 30, (h) => h * 12)) new QuotaSamples(rt.store.db).record(new Date(s.at), [s]);
    const r = await standIn.slashCommand({ text: "quota history --hours 12", user_id: "UVIEW", channel_id: "COPS" });
    assert.match(json(r.ack) + json(answerTo(r.responseUrl)), /zai:glm 5h tokens/);
    const upload = await waitUntil(() => standIn.uploads.find((u) => u.completed), "a completed upload");
    assert.deepEqual([upload.filename, upload.channel_id, upload.title], ["quota-12h.png", "COPS", "AI quota used %, last 12h"]);
    const info = readPng(upload.content!);
    assert.deepEqual([info.width, info.height], [1000, 520]);
    const methods = standIn.calls.map((c) => c.method).filter((m) => m.startsWith("files."));
    assert.deepEqual(methods, ["files.getUploadURLExternal", "files.completeUploadExternal"]);
  });

  it("answers with the history as text when the upload fails", async () => {
    const now = new Date();
    for (const s of sampleSeries(new Date(now.getTime() - 3600_000).toISOString(), now.toISOString(), 10, () => 40)) new QuotaSamples(rt.store.db).record(new Date(s.at), [s]);
    standIn.misbehave({ kind: "ok-false", methods: ["files.getUploadURLExternal"], error: "not_in_channel" });
    const r = await standIn.slashCommand({ text: "quota history", user_id: "UVIEW", channel_id: "CELSEWHERE" });
    const fallback = await waitUntil(() => answerTo(r.responseUrl).find((b) => /could not be posted/.test(json(b))), "the text fallback");
    assert.match(json(fallback), /not_in_channel/);
    assert.match(json(fallback), /zai\s+glm\s+5h tokens\s+40%/);
    assert.equal(standIn.uploads.filter((u) => u.completed).length, 0);
  });

  it("refuses quota watch in Slack: it runs from the CLI only", async () => {
    const r = await standIn.slashCommand({ text: "quota watch", user_id: "UVIEW", channel_id: "COPS" });
    assert.match(json(r.ack), /quota watch runs from the CLI only/);
  });
});

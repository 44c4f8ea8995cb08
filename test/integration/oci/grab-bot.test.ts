// The grab inside the real bot process (`node dist/main.js`): started from the CLI, run against
// the fake OCI API on loopback (every request's signature verified with the public key), progress
// in one Slack message edited in place, the success as a new message and an email; a bot killed
// mid-grab is resumed by the next with one loop; `oci-grab stop` from the CLI ends it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openStore } from "../../../src/store/index.ts";
import { GrabStore } from "../../../src/oci/grab/grab-store.ts";
import { startOciFakeApi, type FakeApi } from "../../helpers/oci-standin/fake-api.ts";
import { OCI_ERRORS } from "../../helpers/oci-standin/replies.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { SmtpSink } from "../../helpers/smtp-sink.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { rsaKeys } from "../../helpers/oci-standin/keys.ts";
import { grabSetup, PASSPHRASE, startBot, type BotProcess } from "./grab-fixture.ts";

// One API key for the fake API (which verifies with its public half) and every setup.
const keys = rsaKeys(PASSPHRASE);

const launchesOf = (api: FakeApi) => api.requests.filter((r) => r.method === "POST" && r.path === "/20160918/instances");

describe("OCI grab in the running bot", () => {
  let standIn: StandIn;
  let sink: SmtpSink;
  const bots: BotProcess[] = [];
  const apis: FakeApi[] = [];

  before(async () => {
    standIn = await startStandIn();
    sink = await SmtpSink.start();
  });
  after(async () => {
    for (const b of bots) await b.stop("SIGKILL");
    for (const a of apis) await a.close();
    await standIn.close();
    await sink.stop();
  });

  function envFor(base: NodeJS.ProcessEnv) {
    return { ...base, SLACK_BOT_TOKEN: "xoxb-grab-test-token", SLACK_APP_TOKEN: "xapp-grab-test-token", SLACK_API_URL: standIn.apiUrl, SMTP_URL: sink.url() };
  }

  it("a capacity error, then one launch in the next AD: OCID and public IP in Slack (progress edited in place, success posted) and by email, no launch after", async () => {
    const cap = OCI_ERRORS.outOfCapacity;
    const api = await startOciFakeApi({ publicKey: keys.publicKey, now: () => new Date(), launches: [cap, "launch"], provisioningPolls: 0 });
    apis.push(api);
    const s = grabSetup(api.url, { availabilityDomains: ["AD-1", "AD-2"] }, { slack: { alertChannel: "CALERTS" }, email: { to: ["ops@example.com"] } }, keys);
    const env = envFor(s.env);
    const bot = await startBot(env, s.dir);
    bots.push(bot);

    const started = await runOyster(["oci-grab", "start", "--yes", "--json"], env);
    assert.equal(started.code, 0, started.stdout + started.stderr);
    const id = JSON.parse(started.stdout).grab.id as number;

    // The real interval (30 s, the minimum) passes once; the loop's own tests (fake clock) cover many rounds.
    const store = openStore(s.dataDir);
    const done = await waitUntil(() => {
      const g = new GrabStore(store.db).get(id);
      return g?.status !== "running" && g;
    }, "the grab to end", 90_000);
    assert.equal(done.status, "succeeded", JSON.stringify(done.outcome));
    assert.equal(launchesOf(api).length, 2, "one refused, one launched, none after");
    assert.deepEqual(launchesOf(api).map((r) => (r.body as { availabilityDomain: string }).availabilityDomain), ["AD-1", "AD-2"]);
    assert.ok(api.requests.every((r) => r.verdict.ok), "every request verified with the public key");

    const announced = await waitUntil(() => standIn.messages("CALERTS").find((m) => /launched/.test(m.text ?? "") && /public IP: 192\.0\.2\.1/.test(m.text ?? "")), "the success message");
    assert.match(announced.text!, /ocid1\.instance\.oc1\.\.fake1/);
    assert.match(announced.text!, /ssh opc@192\.0\.2\.1/);
    const progress = standIn.messages("CALERTS").filter((m) => /^OCI grab #\d+ (running|succeeded|stopped|failed)/.test(m.text ?? ""));
    assert.equal(progress.length, 1, "one progress message, edited, not one per attempt");
    assert.ok(progress[0]!.updates >= 2, `edited in place (${progress[0]!.updates} edits)`);
    assert.match(progress[0]!.text!, /succeeded/);

    const mail = await waitUntil(() => sink.messages.find((m) => /OCI instance launched/.test(m.subject ?? "")), "the success email");
    assert.match(mail.text ?? "", /ocid1\.instance\.oc1\.\.fake1/);
    assert.match(mail.text ?? "", /192\.0\.2\.1/);

    const status = await runOyster(["oci-grab", "status", "--json"], env);
    const st = JSON.parse(status.stdout);
    assert.equal(st.grab.instance.publicIp, "192.0.2.1");
    const tokens = launchesOf(api).map((r) => String(r.headers["opc-retry-token"]));
    for (const text of [status.stdout, ...standIn.messages().map((m) => m.text ?? ""), mail.text ?? "", bot.stderr()]) {
      for (const t of tokens) assert.ok(!text.includes(t), "no retry token shown");
      assert.ok(!text.includes(PASSPHRASE), "no passphrase shown");
      assert.doesNotMatch(text, /PRIVATE KEY|Signature version/);
    }
    store.close();
    assert.equal(await bot.stop(), 0);
  });

  it("the address lookup throttled (429) twice after the launch: the bot asks again, and the success message and email carry the public IP", async () => {
    const tooMany = OCI_ERRORS.tooManyRequests;
    const api = await startOciFakeApi({ publicKey: keys.publicKey, now: () => new Date(), launches: ["launch"], provisioningPolls: 0, vnicAttachmentReplies: [tooMany, tooMany], publicIp: "198.51.100.7" });
    apis.push(api);
    const s = grabSetup(api.url, { availabilityDomains: ["AD-1"] }, { slack: { alertChannel: "CALERTS" }, email: { to: ["ops@example.com"] } }, keys);
    const env = envFor(s.env);
    const bot = await startBot(env, s.dir);
    bots.push(bot);
    const started = await runOyster(["oci-grab", "start", "--yes", "--json"], env);
    assert.equal(started.code, 0, started.stdout + started.stderr);
    const id = JSON.parse(started.stdout).grab.id as number;

    const store = openStore(s.dataDir);
    const done = await waitUntil(() => {
      const g = new GrabStore(store.db).get(id);
      return g?.status !== "running" && g;
    }, "the grab to end", 60_000);
    assert.equal(done.status, "succeeded", JSON.stringify(done.outcome));
    assert.equal(done.instance?.publicIp, "198.51.100.7");
    assert.equal(api.requests.filter((r) => r.path === "/20160918/vnicAttachments").length, 3, "two 429s, then the list");
    assert.ok(api.requests.every((r) => r.verdict.ok), "every request verified with the public key");
    const announced = await waitUntil(() => standIn.messages("CALERTS").find((m) => /public IP: 198\.51\.100\.7/.test(m.text ?? "")), "the success message");
    assert.match(announced.text!, /ssh opc@198\.51\.100\.7/);
    const mail = await waitUntil(() => sink.messages.find((m) => /OCI instance launched \(198\.51\.100\.7\)/.test(m.subject ?? "")), "the success email");
    assert.match(mail.text ?? "", /public IP: 198\.51\.100\.7/);
    store.close();
    assert.equal(await bot.stop(), 0);
  });

  it("a bot killed mid-grab is resumed by the next one with a single loop; stop from the CLI ends it (audited)", async () => {
    const cap = OCI_ERRORS.outOfCapacity;
    const api = await startOciFakeApi({ publicKey: keys.publicKey, now: () => new Date(), launches: Array(50).fill(cap) });
    apis.push(api);
    const s = grabSetup(api.url, {}, { slack: { alertChannel: "CALERTS" } }, keys);
    const env = envFor(s.env);
    const first = await startBot(env, s.dir);
    bots.push(first);
    const started = await runOyster(["oci-grab", "start", "--yes", "--json"], env);
    assert.equal(started.code, 0, started.stderr);
    const id = JSON.parse(started.stdout).grab.id as number;
    await waitUntil(() => launchesOf(api).length === 1 || undefined, "the first attempt", 20_000);
    await first.stop("SIGKILL");

    // As if the bot had been down longer than the interval: the next attempt is due now.
    const store = openStore(s.dataDir);
    store.db.prepare("UPDATE oci_grabs SET next_attempt_at = ? WHERE id = ?").run(new Date(Date.now() - 1000).toISOString(), id);
    const second = await startBot(env, s.dir);
    bots.push(second);
    await waitUntil(() => launchesOf(api).length === 2 || undefined, "the resumed attempt", 20_000);
    assert.match(second.stderr(), /OCI grab resumed/);

    const stop = await runOyster(["oci-grab", "stop", "--yes"], env);
    assert.equal(stop.code, 0, stop.stderr);
    const ended = await waitUntil(() => {
      const g = new GrabStore(store.db).get(id);
      return g?.status !== "running" && g;
    }, "the grab to stop", 20_000);
    assert.equal(ended.status, "stopped");
    assert.equal(launchesOf(api).length, 2, "one loop: one attempt after the restart, none after the stop");
    assert.equal(ended.attempts, 2);
    const audit = store.db.prepare("SELECT command, args, outcome FROM audit WHERE command = 'oci-grab' ORDER BY id").all() as Array<{ args: string; outcome: string }>;
    assert.ok(audit.some((r) => r.args.includes("stop") && r.outcome === "ok"), JSON.stringify(audit));
    store.close();
    assert.equal(await second.stop(), 0);
  });
});

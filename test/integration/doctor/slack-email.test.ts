// doctor's Slack and email lines against the Slack stand-in (Slack's wire format) and a real SMTP server.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { emailChecks } from "../../../src/doctor/email-checks.ts";
import { slackChecks } from "../../../src/doctor/slack-checks.ts";
import { freePorts } from "../../helpers/rig/free-ports.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { SmtpSink } from "../../helpers/smtp-sink.ts";
import { selfSignedCert } from "../../helpers/test-cert.ts";
import { configWith } from "../../unit/doctor/doctor-fixture.ts";

const BOT = "xoxb-doctor-test-token-1234";
const APP = "xapp-doctor-test-token-5678";

describe("doctor: Slack", () => {
  let standIn: StandIn;
  before(async () => (standIn = await startStandIn()));
  after(async () => standIn?.close());

  const slackConfig = (slack: Record<string, unknown> = { alertChannel: "C0ALERTS01" }) => configWith({ "oyster.json": { slack } }).config;
  const env = () => ({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: standIn.apiUrl });

  it("no tokens: one failed line saying Slack is off and which variables to set", async () => {
    const lines = await slackChecks(slackConfig(), {});
    assert.deepEqual(lines.map((l) => [l.name, l.status]), [["tokens", "fail"]]);
    assert.equal(lines[0]?.detail, "Slack is off: SLACK_BOT_TOKEN and SLACK_APP_TOKEN are not set");
    assert.match(lines[0]?.fix ?? "", /^set SLACK_BOT_TOKEN=xoxb-\.\.\. and SLACK_APP_TOKEN=xapp-\.\.\./);
  });

  it("half the tokens: fails naming the missing one", async () => {
    const lines = await slackChecks(slackConfig(), { SLACK_BOT_TOKEN: BOT });
    assert.equal(lines[0]?.status, "fail");
    assert.match(lines[0]?.detail ?? "", /SLACK_APP_TOKEN: required for slack.mode socket/);
  });

  it("good tokens and the bot in the alert channel: ok, asked with auth.test, apps.connections.open and conversations.info", async () => {
    standIn.reset();
    const lines = await slackChecks(slackConfig(), env());
    assert.deepEqual(lines.map((l) => [l.name, l.status]), [["SLACK_BOT_TOKEN", "ok"], ["SLACK_APP_TOKEN", "ok"], ["slack.alertChannel", "ok"], ["slack.reportChannel", "ok"]]);
    assert.match(lines[0]?.detail ?? "", /^auth\.test ok: bot oyster in Oyster Test$/);
    assert.match(lines[2]?.detail ?? "", /^the bot is in #.+ \(C0ALERTS01\)$/);
    assert.deepEqual(standIn.calls.map((c) => c.method).sort(), ["apps.connections.open", "auth.test", "conversations.info"]);
    assert.deepEqual(standIn.calls.find((c) => c.method === "conversations.info")?.body, { channel: "C0ALERTS01" });
    assert.equal(standIn.calls.find((c) => c.method === "auth.test")?.token, BOT);
    for (const l of lines) assert.doesNotMatch(JSON.stringify(l), /xoxb-|xapp-/);
  });

  it("a revoked bot token fails with the fix, and the channels are not asked about", async () => {
    standIn.reset();
    standIn.misbehave({ kind: "ok-false", error: "invalid_auth", methods: ["auth.test"] });
    const lines = await slackChecks(slackConfig(), env());
    assert.deepEqual(lines.map((l) => [l.name, l.status]), [["SLACK_BOT_TOKEN", "fail"], ["SLACK_APP_TOKEN", "ok"]]);
    assert.equal(lines[0]?.detail, "auth.test failed: invalid_auth");
    assert.match(lines[0]?.fix ?? "", /SLACK_BOT_TOKEN$/);
    assert.equal(standIn.calls.filter((c) => c.method === "conversations.info").length, 0);
  });

  it("a token without channels:read cannot tell membership: a warning with the scope to add", async () => {
    standIn.reset();
    standIn.misbehave({ kind: "ok-false", error: "missing_scope", methods: ["conversations.info"] });
    const lines = await slackChecks(slackConfig(), env());
    const alert = lines.find((l) => l.name === "slack.alertChannel");
    assert.equal(alert?.status, "warn");
    assert.match(alert?.fix ?? "", /channels:read/);
  });

  it("a channel given by name, and no alert channel, are warnings with the key to set", async () => {
    standIn.reset();
    const byName = await slackChecks(slackConfig({ alertChannel: "#ops" }), env());
    assert.equal(byName.find((l) => l.name === "slack.alertChannel")?.status, "warn");
    const none = await slackChecks(slackConfig({}), env());
    assert.deepEqual(none.filter((l) => l.name.startsWith("slack.")).map((l) => [l.name, l.status]), [["slack.alertChannel", "warn"], ["slack.reportChannel", "ok"]]);
  });

  it("Slack not answering fails with a network fix within the call's timeout", async () => {
    const [closed] = await freePorts(1);
    const lines = await slackChecks(slackConfig(), { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: `http://127.0.0.1:${closed}/api/` });
    assert.equal(lines[0]?.status, "fail");
    assert.match(lines[0]?.detail ?? "", /^auth\.test failed: ECONNREFUSED$/);
    assert.match(lines[0]?.fix ?? "", /SLACK_API_URL/);
  });
});

describe("doctor: email", () => {
  const emailConfig = (email: Record<string, unknown> = { to: "ops@example.com" }) => configWith({ "oyster.json": { email } }).config;

  it("no SMTP_URL: a warning that the email fallback is off", async () => {
    const [l] = await emailChecks(emailConfig(), {});
    assert.deepEqual([l?.status, l?.detail], ["warn", "not set: email fallback off"]);
  });

  it("a relay with STARTTLS and a trusted certificate is ok; the login is tried, no mail sent", async () => {
    const cert = selfSignedCert();
    const sink = await SmtpSink.start({ startTls: cert });
    try {
      const lines = await emailChecks(emailConfig(), { SMTP_URL: sink.url("ops:s3cret-pass") }, { ca: cert.cert, timeoutMs: 5000 });
      assert.deepEqual(lines.map((l) => [l.status, l.detail]), [["ok", `127.0.0.1:${sink.port}: connected, TLS ok, login accepted`]]);
      assert.deepEqual(sink.authAttempts, ["ops"]);
      assert.equal(sink.messages.length, 0);
    } finally {
      await sink.stop();
    }
  });

  it("a certificate nobody trusts fails with the CA fix", async () => {
    const sink = await SmtpSink.start({ startTls: selfSignedCert() });
    try {
      const [l] = await emailChecks(emailConfig(), { SMTP_URL: sink.url() }, { timeoutMs: 5000 });
      assert.equal(l?.status, "fail");
      assert.match(l?.detail ?? "", /TLS failed/);
      assert.match(l?.fix ?? "", /NODE_EXTRA_CA_CERTS/);
    } finally {
      await sink.stop();
    }
  });

  it("a relay without STARTTLS: a warning without credentials, a failure with them (delivery would refuse)", async () => {
    const sink = await SmtpSink.start();
    try {
      const [plain] = await emailChecks(emailConfig(), { SMTP_URL: sink.url() }, { timeoutMs: 5000 });
      assert.deepEqual([plain?.status, plain?.detail], ["warn", `127.0.0.1:${sink.port} does not offer STARTTLS: mail goes in clear`]);
      const [withLogin] = await emailChecks(emailConfig(), { SMTP_URL: sink.url("ops:s3cret-pass") }, { timeoutMs: 5000 });
      assert.equal(withLogin?.status, "fail");
      assert.deepEqual(sink.authAttempts, []);
      assert.doesNotMatch(JSON.stringify(withLogin), /s3cret/);
    } finally {
      await sink.stop();
    }
  });

  it("a relay that is down fails with the host:port to check", async () => {
    const sink = await SmtpSink.start();
    await sink.stop();
    const [l] = await emailChecks(emailConfig(), { SMTP_URL: sink.url() }, { timeoutMs: 3000 });
    assert.equal(l?.status, "fail");
    assert.match(l?.detail ?? "", new RegExp(`^127\\.0\\.0\\.1:${sink.port}: .*ECONNREFUSED`));
    assert.match(l?.fix ?? "", /host and port in SMTP_URL/);
  });

  it("no recipients is a warning of its own", async () => {
    const sink = await SmtpSink.start();
    try {
      const lines = await emailChecks(emailConfig({}), { SMTP_URL: sink.url() }, { timeoutMs: 5000 });
      assert.equal(lines.find((l) => l.name === "email.to")?.status, "warn");
    } finally {
      await sink.stop();
    }
  });
});

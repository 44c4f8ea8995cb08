// SMTP credentials and TLS, against a real smtp-server on loopback: with a login, smtp:// needs
// STARTTLS (with a certificate we trust) before AUTH, unless email.allowInsecureAuth says otherwise.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../../src/config/index.ts";
import { createDelivery } from "../../../src/notify/create-deliverer.ts";
import { EmailChannel } from "../../../src/notify/email-channel.ts";
import { openStore } from "../../../src/store/index.ts";
import type { OutboxItem } from "../../../src/notify/delivery-types.ts";
import { alertEvent } from "../../helpers/alert-events.ts";
import { SmtpSink, type SinkStartTls } from "../../helpers/smtp-sink.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { selfSignedCert } from "../../helpers/test-cert.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const sinks: SmtpSink[] = [];
const channels: EmailChannel[] = [];
after(async () => {
  for (const c of channels) c.close();
  for (const s of sinks) await s.stop();
});

async function sink(startTls: SinkStartTls): Promise<SmtpSink> {
  const s = await SmtpSink.start({ startTls });
  sinks.push(s);
  return s;
}

function channel(smtpUrl: string, extra: { allowInsecureAuth?: boolean; ca?: string } = {}): EmailChannel {
  const c = new EmailChannel({ smtpUrl, from: "oyster@ops.example", to: ["ops@example.com"], timeoutMs: 3_000, ...extra });
  channels.push(c);
  return c;
}

let n = 0;
const item = (): OutboxItem => ({
  id: ++n, key: `alert:A${n}:raised`, payload: { kind: "alert-event", event: alertEvent("raised") }, createdAt: "2026-03-01T10:00:00.000Z", attempts: 0,
});

describe("SMTP credentials only over TLS", () => {
  for (const startTls of ["refused", "hidden"] as const) {
    it(`refuses to log in to a server whose STARTTLS is ${startTls}, and the server never sees AUTH`, async () => {
      const s = await sink(startTls);
      await assert.rejects(channel(s.url("oyster:s3cret-pass")).deliver(item()), (err: Error) => {
        assert.match(err.message, new RegExp(`^SMTP server at 127\\.0\\.0\\.1:${s.port}`));
        assert.match(err.message, /refusing to send credentials in clear; .*set email\.allowInsecureAuth: true only for a relay on loopback/);
        if (startTls === "refused") assert.match(err.message, /does not offer STARTTLS/);
        assert.doesNotMatch(err.message, /s3cret-pass/);
        return true;
      });
      assert.deepEqual(s.authAttempts, []);
      assert.equal(s.messages.length, 0);
    });

    it(`logs in over plain SMTP to a server whose STARTTLS is ${startTls} with email.allowInsecureAuth`, async () => {
      const s = await sink(startTls);
      await channel(s.url("oyster:s3cret-pass"), { allowInsecureAuth: true }).deliver(item());
      assert.deepEqual(s.authAttempts, ["oyster"]);
      assert.deepEqual(s.messages.map((m) => [m.user, m.secure]), [["oyster", false]]);
    });
  }

  it("sends without a login over plain SMTP when the server offers no STARTTLS (nothing to steal)", async () => {
    const s = await sink("refused");
    await channel(s.url()).deliver(item());
    assert.deepEqual(s.messages.map((m) => [m.user, m.secure]), [[undefined, false]]);
  });

  it("logs in after STARTTLS with a certificate it trusts", async () => {
    const cert = selfSignedCert();
    const s = await sink(cert);
    await channel(s.url("oyster:s3cret-pass"), { ca: cert.cert }).deliver(item());
    assert.deepEqual(s.authAttempts, ["oyster"]);
    assert.deepEqual(s.messages.map((m) => [m.user, m.secure]), [["oyster", true]]);
  });

  it("keeps certificate verification on: an untrusted certificate gets no login", async () => {
    const s = await sink(selfSignedCert());
    await assert.rejects(channel(s.url("oyster:s3cret-pass")).deliver(item()), /TLS failed \(.*self[- ]signed.*\); refusing to send credentials in clear/);
    assert.deepEqual(s.authAttempts, []);
    assert.equal(s.messages.length, 0);
  });

  for (const allowInsecureAuth of [false, true]) {
    it(`takes email.allowInsecureAuth: ${allowInsecureAuth} from oyster.json`, async () => {
      const s = await sink("refused");
      const dir = tmpDir();
      mkdirSync(join(dir, "config"));
      writeFileSync(join(dir, "config", "oyster.json"), JSON.stringify({ email: { to: "ops@example.com", allowInsecureAuth } }));
      const store = openStore(join(dir, "data"));
      const delivery = createDelivery({ store, config: loadConfig({ dir: join(dir, "config") }).config, log: memoryLogger("silent").log, smtpUrl: s.url("oyster:s3cret-pass") });
      try {
        const sent = delivery.email.deliver(item());
        if (allowInsecureAuth) await sent;
        else await assert.rejects(sent, /does not offer STARTTLS/);
        assert.deepEqual(s.authAttempts, allowInsecureAuth ? ["oyster"] : []);
      } finally {
        await delivery.close();
        store.close();
      }
    });
  }
});

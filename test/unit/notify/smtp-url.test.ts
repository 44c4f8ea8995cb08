import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../../src/errors.ts";
import { parseSmtpUrl } from "../../../src/notify/smtp-url.ts";

describe("parseSmtpUrl", () => {
  it("reads host, port, TLS and a percent-encoded login", () => {
    assert.deepEqual(parseSmtpUrl("smtp://ops%40example.com:p%3Ass@mail.example.com:2525"), {
      host: "mail.example.com", port: 2525, secure: false, auth: { user: "ops@example.com", pass: "p:ss" },
    });
    assert.deepEqual(parseSmtpUrl("smtps://relay.example.com"), { host: "relay.example.com", secure: true });
  });

  it("refuses other schemes without repeating the value (it may hold a password)", () => {
    for (const bad of ["http://u:hunter22@mail.example.com", "not a url hunter22", "smtp://:hunter22@"]) {
      assert.throws(() => parseSmtpUrl(bad), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.problems[0]!, /^environment: SMTP_URL: /);
        assert.doesNotMatch(err.message, /hunter22/);
        return true;
      });
    }
  });
});

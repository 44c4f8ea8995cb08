import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OysterError } from "../../../src/errors.ts";
import { scrub, scrubDeep, scrubError } from "../../../src/secrets/index.ts";

const SECRETS = ["xoxb-1-abcdef", "sk-provider-123456"];

describe("scrubbing", () => {
  it("replaces every occurrence of every secret in a text", () => {
    assert.equal(scrub("a xoxb-1-abcdef b xoxb-1-abcdef sk-provider-123456", SECRETS), "a [REDACTED] b [REDACTED] [REDACTED]");
  });

  it("leaves values under 6 characters alone rather than mangle ordinary words", () => {
    assert.equal(scrub("the cat sat", ["cat"]), "the cat sat");
  });

  it("scrubs every string at any depth of objects and arrays, keys included, and keeps other values", () => {
    const when = new Date("2026-01-01T00:00:00Z");
    const data = { ok: true, n: 3, when, steps: [{ stdout: "token xoxb-1-abcdef\n", code: 0 }], nested: { "sk-provider-123456": ["x sk-provider-123456"] } };
    const out = scrubDeep(data, SECRETS);
    assert.deepEqual(out, { ok: true, n: 3, when, steps: [{ stdout: "token [REDACTED]\n", code: 0 }], nested: { "[REDACTED]": ["x [REDACTED]"] } });
    assert.equal(out.when, when);
    assert.equal(data.steps[0]!.stdout, "token xoxb-1-abcdef\n", "the original is untouched");
  });

  it("scrubs an error's message, stack and details in place, keeping its code", () => {
    const err = new OysterError("CommandFailed", "failed with xoxb-1-abcdef", { output: "sk-provider-123456" });
    const out = scrubError(err, SECRETS);
    assert.equal(out, err);
    assert.equal(out.code, "CommandFailed");
    assert.equal(out.message, "failed with [REDACTED]");
    assert.deepEqual(out.details, { output: "[REDACTED]" });
    assert.doesNotMatch(out.stack ?? "", /xoxb-1-abcdef/);
  });
});

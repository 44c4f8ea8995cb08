// The test-only stand-in address for Claude's usage call: accepted only as http(s) on loopback;
// anything else is a refusal (never a quiet fallback), so a token cannot be pointed elsewhere.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { usageOverride } from "../../../../src/monitor/agents/usage-override.ts";

const over = (v?: string) => usageOverride(v === undefined ? {} : { OYSTER_TEST_CLAUDE_USAGE_URL: v });

describe("usageOverride", () => {
  it("is nothing when the variable is unset or empty", () => {
    assert.deepEqual(over(), {});
    assert.deepEqual(over(""), {});
  });

  it("accepts http and https on 127.0.0.1, ::1 and localhost", () => {
    for (const u of ["http://127.0.0.1:8123/api/oauth/usage", "https://localhost/api/oauth/usage", "http://[::1]:9/x"]) {
      assert.equal(over(u).url, new URL(u).href, u);
    }
  });

  it("refuses every other address, scheme or credentials in the URL", () => {
    for (const u of ["http://10.255.255.1/api/oauth/usage", "https://api.anthropic.com.example/x", "http://127.0.0.1.nip.io/x", "ftp://127.0.0.1/x", "http://u:p@127.0.0.1/x", "http://127.0.0.2/x", "not a url"]) {
      const o = over(u);
      assert.equal(o.url, undefined, u);
      assert.match(o.refused ?? "", /^refused OYSTER_TEST_CLAUDE_USAGE_URL=.*only http\(s\) on 127\.0\.0\.1, ::1 or localhost/, u);
    }
  });
});

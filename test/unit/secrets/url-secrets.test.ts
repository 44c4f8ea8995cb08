// Every configured URL's secret parts reach the one scrubber (collectSecrets): a ping URL's token,
// token-like query values, userinfo of Oyster's own URL variables.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { collectSecrets, scrub } from "../../../src/secrets/index.ts";
import { scrubUrlIn, urlSecretParts } from "../../../src/secrets/url-secret-parts.ts";
import { configDir, HOME_ENV } from "../config/config-dir.ts";

const UUID = "5f1c3b9e-7a2d-4c61-9e0b-2d8f6a4c1e77";

function scrubbedWith(oyster: unknown, text: string, env: NodeJS.ProcessEnv = {}): string {
  const { config } = loadConfig({ dir: configDir({ "oyster.json": oyster }), env: HOME_ENV });
  return scrub(text, collectSecrets(env, config).values);
}

describe("configured URLs' secrets in the scrubber", () => {
  it("removes a configured ping URL's token and query token from any text", () => {
    const url = `https://hc-ping.com/${UUID}?rid=run-1&token=qz81kd0w-token-value`;
    const text = `GET ${url} failed; retry hc-ping.com/${UUID}/fail; token was qz81kd0w-token-value`;
    const out = scrubbedWith({ heartbeat: { url } }, text);
    assert.ok(!out.includes(UUID), out);
    assert.ok(!out.includes("qz81kd0w-token-value"), out);
    assert.match(out, /hc-ping\.com\/\[REDACTED\]\/fail/);
  });

  it("knows the ping services' token segments: healthchecks ping key, Uptime Kuma, Cronitor, Better Stack", () => {
    const cases: Array<[url: string, token: string, kept?: string]> = [
      ["https://hc-ping.com/fqOOd6-F4MMNuCEnzTU01w/nightly-backup", "fqOOd6-F4MMNuCEnzTU01w", "nightly-backup"],
      ["https://hc.example.org/ping/abcdef12", "abcdef12"],
      ["https://kuma.example.org/api/push/Xk2mP9qLwz?status=up&msg=OK", "Xk2mP9qLwz", "status=up"],
      ["https://cronitor.link/p/0a1b2c3d4e5f/guardian?state=complete", "0a1b2c3d4e5f", "guardian"],
      ["https://uptime.betterstack.com/api/v1/heartbeat/AbCdEfGh12", "AbCdEfGh12", "heartbeat"],
      ["https://example.org/hook?apikey=k-123456&access_token=tk-654321&key=kk-999999", "tk-654321"],
      ["https://example.org/hook/9f8e7d6c5b4a39281706", "9f8e7d6c5b4a39281706"],
    ];
    for (const [url, token, kept] of cases) {
      const out = scrubbedWith({ heartbeat: { url } }, `pinging ${url}`);
      assert.ok(!out.includes(token), `${url}: ${out}`);
      if (kept) assert.ok(out.includes(kept), `${url} keeps ${kept}: ${out}`);
    }
    const values = urlSecretParts("https://example.org/hook?apikey=k-123456&access_token=tk-654321&key=kk-999999&page=2").map((p) => p.value);
    assert.deepEqual(values, ["k-123456", "tk-654321", "kk-999999"]);
  });

  it("takes userinfo (as written and decoded) from SLACK_API_URL, and any URL in a project's keys", () => {
    const env = { SLACK_API_URL: "https://bot:s%40cret-pass@slack.example/api/" };
    const { config } = loadConfig({
      dir: configDir({ "projects.json": { projects: [{ name: "web", repo: "https://x-access-token:ghp_abcdef123456@github.com/o/r.git" }] } }),
      env: HOME_ENV,
    });
    const values = collectSecrets(env, config).values;
    const out = scrub("s%40cret-pass s@cret-pass ghp_abcdef123456", values);
    assert.equal(out, "[REDACTED] [REDACTED] [REDACTED]");
  });

  it("scrubUrlIn rewrites a fetch error that quotes a URL whole, userinfo and tokens gone", () => {
    const url = `http://ops:pa55-w0rd@127.0.0.1:9/ping/${UUID}?token=qz81kd0w`;
    const message = `Request cannot be constructed from a URL that includes credentials: ${url}`;
    assert.equal(scrubUrlIn(message, url), "Request cannot be constructed from a URL that includes credentials: http://127.0.0.1:9/ping/[REDACTED]?token=[REDACTED]");
  });
});

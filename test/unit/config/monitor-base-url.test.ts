import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../../src/errors.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { configDir, HOME_ENV, thrown } from "./config-dir.ts";

const PASSWORD = "s3cr3t-pa55w0rd";

function withBaseUrls(zai: unknown[], minimax: unknown[] = []) {
  const account = (keyEnv: string) => (baseUrl: unknown, i: number) => ({ label: `a${i}`, keyEnv, baseUrl });
  return { monitor: { providers: { zai: zai.map(account("ZAI_API_KEY")), minimax: minimax.map(account("MINIMAX_API_KEY")) } } };
}

function configError(oyster: unknown): ConfigError {
  const err = thrown(() => loadConfig({ dir: configDir({ "oyster.json": oyster }), env: HOME_ENV }));
  assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
  return err;
}

describe("monitor.providers.*[].baseUrl", () => {
  it("refuses a path, names the key and the origin to use, and lists every such account at once (exit 2)", () => {
    const err = configError(withBaseUrls(["https://api.z.ai/api/paas/v4"], ["https://api.minimax.io/v1"]));
    assert.equal(err.exitCode, 2);
    assert.deepEqual(err.problems, [
      'oyster.json: monitor.providers.zai[0].baseUrl: "https://api.z.ai/api/paas/v4" has a path, but must be an http(s) origin (scheme://host[:port]): drop the path and use "https://api.z.ai" (Oyster adds the API path itself)',
      'oyster.json: monitor.providers.minimax[0].baseUrl: "https://api.minimax.io/v1" has a path, but must be an http(s) origin (scheme://host[:port]): drop the path and use "https://api.minimax.io" (Oyster adds the API path itself)',
    ]);
  });

  it("refuses a query or a fragment, even an empty one, since either would swallow the appended path", () => {
    const err = configError(withBaseUrls(["https://api.z.ai?region=cn", "https://api.z.ai/?", "http://127.0.0.1:8080/#top"]));
    assert.deepEqual(err.problems, [
      'oyster.json: monitor.providers.zai[0].baseUrl: "https://api.z.ai?region=cn" has a query, but must be an http(s) origin (scheme://host[:port]): drop the query and use "https://api.z.ai" (Oyster adds the API path itself)',
      'oyster.json: monitor.providers.zai[1].baseUrl: "https://api.z.ai/?" has a query, but must be an http(s) origin (scheme://host[:port]): drop the query and use "https://api.z.ai" (Oyster adds the API path itself)',
      'oyster.json: monitor.providers.zai[2].baseUrl: "http://127.0.0.1:8080/#top" has a fragment, but must be an http(s) origin (scheme://host[:port]): drop the fragment and use "http://127.0.0.1:8080" (Oyster adds the API path itself)',
    ]);
  });

  it("refuses credentials in the URL and never prints the password, even in a URL too broken to parse", () => {
    const err = configError(
      withBaseUrls([`https://ops:${PASSWORD}@api.z.ai`, `https://ops:${PASSWORD}@api.z.ai/api/paas/v4`, `https://ops:${PASSWORD}/x@api.z.ai:99999`]),
    );
    assert.equal(err.problems.length, 3);
    for (const [i, problem] of err.problems.entries()) {
      assert.ok(problem.startsWith(`oyster.json: monitor.providers.zai[${i}].baseUrl: `), problem);
    }
    assert.equal(
      err.problems[0],
      'oyster.json: monitor.providers.zai[0].baseUrl: "https://***@api.z.ai" has credentials, but must be an http(s) origin (scheme://host[:port]): drop the credentials and use "https://api.z.ai" (Oyster adds the API path itself); keys come from environment variables, never from config files',
    );
    assert.match(err.problems[1]!, /has credentials and a path, .*drop the credentials and the path and use "https:\/\/api\.z\.ai"/);
    assert.equal(err.problems[2], 'oyster.json: monitor.providers.zai[2].baseUrl: expected an http(s) origin (scheme://host[:port]), got "https://***@api.z.ai:99999"');
    assert.ok(!err.message.includes(PASSWORD) && !err.problems.join("\n").includes(PASSWORD), "the password is printed nowhere");
  });

  it("refuses a scheme other than http(s), a value with no scheme, and a non-string", () => {
    const err = configError(withBaseUrls(["ftp://api.z.ai", "api.z.ai", 443]));
    assert.deepEqual(err.problems, [
      'oyster.json: monitor.providers.zai[0].baseUrl: expected an http(s) origin (scheme://host[:port]), got "ftp://api.z.ai"',
      'oyster.json: monitor.providers.zai[1].baseUrl: expected an http(s) origin (scheme://host[:port]), got "api.z.ai"',
      "oyster.json: monitor.providers.zai[2].baseUrl: expected an http(s) origin (scheme://host[:port]), got 443",
    ]);
  });

  it("accepts an origin with a trailing slash or a port, kept as scheme://host[:port]", () => {
    const dir = configDir({ "oyster.json": withBaseUrls(["https://api.z.ai/", "http://127.0.0.1:8080"], ["https://api.minimaxi.com"]) });
    const { providers } = loadConfig({ dir, env: HOME_ENV }).config.oyster.monitor;
    assert.deepEqual(
      [...(providers.zai ?? []), ...(providers.minimax ?? [])].map((a) => a.baseUrl),
      ["https://api.z.ai", "http://127.0.0.1:8080", "https://api.minimaxi.com"],
    );
  });
});

// A provider request carries the account's key (Authorization, x-api-key); a redirect to another
// host is an error reading, never followed, so the key never reaches a host nobody configured.
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { checkAll } from "../../../src/monitor/check-all.ts";
import { monitorConfig } from "../../helpers/provider-standin/monitor-config.ts";

const KEY = "sk-redirect-test-key-0123456789";

async function listen(handler: (req: { url?: string }, res: import("node:http").ServerResponse) => void) {
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    req.resume();
    req.on("end", () => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe("provider checks and redirects", () => {
  let other: Awaited<ReturnType<typeof listen>>;
  let provider: Awaited<ReturnType<typeof listen>>;
  let status = 302;
  before(async () => {
    other = await listen((_req, res) => res.end("{}"));
    provider = await listen((req, res) => {
      res.writeHead(status, { location: `${other.url}${req.url}?sig=location-token` });
      res.end("moved");
    });
  });
  after(() => {
    other.server.close();
    provider.server.close();
  });

  for (const [name, code, headerName] of [["zai", 302, "authorization"], ["anthropic", 307, "x-api-key"]] as const) {
    it(`${name}: a ${code} to another host is an error naming the status and that host; the other host is never contacted`, async () => {
      status = code;
      provider.seen.length = 0;
      const config = monitorConfig({ providers: { [name]: [{ label: "main", keyEnv: "PROVIDER_KEY", baseUrl: provider.url }] }, timeoutMs: 3000 });
      const [result] = await checkAll(config, { PROVIDER_KEY: KEY });
      assert.equal(provider.seen.length, 1);
      assert.ok(provider.seen[0]!.headers[headerName]?.includes(KEY), "the key went to the configured host");
      assert.deepEqual(other.seen, [], "the redirect's host never saw a request");
      const [w] = result!.windows;
      assert.equal(w!.status, "error");
      assert.equal(w!.errorKind, "http");
      assert.equal(w!.detail, `redirect not followed: HTTP ${code} to ${new URL(other.url).host} (the request carries a credential)`);
    });
  }
});

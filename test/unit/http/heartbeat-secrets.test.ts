// A failed heartbeat ping never puts the ping URL's secrets in the log (real pino output, through
// the bot's logger and its scrubber), and a ping URL holding a token never follows a redirect.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { guardianHeartbeat } from "../../../src/http/heartbeat.ts";
import { createLogger } from "../../../src/log.ts";
import type { RunOutcome } from "../../../src/scheduler.ts";
import { collectSecrets } from "../../../src/secrets/index.ts";
import { closedPort } from "../oci/fixtures.ts";
import { configDir, HOME_ENV } from "../config/config-dir.ts";

const UUID = "5f1c3b9e-7a2d-4c61-9e0b-2d8f6a4c1e77";
const QUERY_TOKEN = "qz81kd0w-query-token";
const PASSWORD = "pa55-w0rd-xyz";
const completed: RunOutcome = { ran: true, runId: 1, result: { ok: true, summary: "" } };

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    handler!(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

/** The bot's logger for a config whose heartbeat.url is `url`: its lines, as pino wrote them. */
function botLogger(url: string) {
  const { config } = loadConfig({ dir: configDir({ "oyster.json": { heartbeat: { url } } }), env: HOME_ENV });
  const lines: string[] = [];
  const log = createLogger({ level: "debug", stderrLevel: "debug", secrets: collectSecrets({}, config).values, stderr: { write: (s: string) => lines.push(s) } });
  return { log, lines };
}

async function pingOnce(url: string, logUrl = url): Promise<string> {
  const { log, lines } = botLogger(logUrl);
  const hb = guardianHeartbeat({ url, log, timeoutMs: 3000 });
  hb.afterRun("guardian", completed);
  await hb.settled();
  return lines.join("");
}

describe("heartbeat ping failures and secrets", () => {
  let failing: Awaited<ReturnType<typeof listen>>;
  let elsewhere: Awaited<ReturnType<typeof listen>>;
  let redirecting: Awaited<ReturnType<typeof listen>>;
  before(async () => {
    failing = await listen((_req, res) => {
      res.statusCode = 503;
      res.end("down");
    });
    elsewhere = await listen((_req, res) => res.end("OK"));
    redirecting = await listen((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${elsewhere.port}/landing/${UUID}?sig=elsewhere-signature` });
      res.end();
    });
  });
  after(() => {
    for (const s of [failing, elsewhere, redirecting]) s.server.close();
  });

  it("a failed or refused ping logs the host, never the token path, the query token or a password", async () => {
    const tokenPath = (port: number) => `http://127.0.0.1:${port}/ping/${UUID}?token=${QUERY_TOKEN}`;
    const refusedPort = await closedPort();
    // Refused outright, answered 503, and a URL with userinfo, which undici quotes whole in its error.
    const logs = [
      await pingOnce(tokenPath(refusedPort)),
      await pingOnce(tokenPath(failing.port)),
      await pingOnce(`http://ops:${PASSWORD}@127.0.0.1:${failing.port}/ping/${UUID}?token=${QUERY_TOKEN}`, tokenPath(failing.port)),
    ];
    assert.match(logs[0]!, new RegExp(`heartbeat ping failed host=127\\.0\\.0\\.1:${refusedPort} detail=network error: ECONNREFUSED`));
    assert.match(logs[1]!, new RegExp(`heartbeat ping refused host=127\\.0\\.0\\.1:${failing.port} status=503`));
    assert.match(logs[2]!, /heartbeat ping failed .*includes credentials/);
    for (const text of logs) {
      assert.ok(!text.includes(UUID), text);
      assert.ok(!text.includes(QUERY_TOKEN), text);
      assert.ok(!text.includes(PASSWORD), text);
    }
  });

  it("a ping URL holding a token does not follow a redirect: logged with the status and the Location's host only, the other host never contacted", async () => {
    const text = await pingOnce(`http://127.0.0.1:${redirecting.port}/ping/${UUID}`);
    assert.equal(redirecting.hits.length, 1);
    assert.deepEqual(elsewhere.hits, [], "the redirect's host was never contacted");
    assert.match(text, new RegExp(`heartbeat ping failed host=127\\.0\\.0\\.1:${redirecting.port} detail=redirect not followed: HTTP 302 to 127\\.0\\.0\\.1:${elsewhere.port} `));
    assert.ok(!text.includes("landing") && !text.includes("elsewhere-signature") && !text.includes(UUID), text);
  });
});

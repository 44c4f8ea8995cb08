// Fault class "providers": the quota APIs, the Codex rollout files the node-side reader reads, and
// OCI, each misbehaving on purpose. What must hold every time: bounded time, bounded memory, a
// clear reading (an error window that says what happened, never a crash or a hang), and no alert
// storm (an error reading raises nothing; a throttled grab pauses instead of hammering).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { closeSync, ftruncateSync, mkdirSync, openSync, rmSync, utimesSync, writeSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import { createOciClient } from "../../src/oci/client.ts";
import { runGrab, THROTTLE_PAUSE_MS } from "../../src/oci/grab/grab-loop.ts";
import { checkAll } from "../../src/monitor/check-all.ts";
import { READER_PY } from "../../src/monitor/agents/remote/reader-script.ts";
import { AGENT_PARSERS } from "../../src/monitor/agents/sources/index.ts";
import type { AccountCheck, QuotaWindow } from "../../src/monitor/types.ts";
import { MAX_BODY_BYTES } from "../../src/http/fetch-body.ts";
import { putAgentFile, rolloutPath, tokenCountLine } from "../helpers/agent-files.ts";
import { makeFleet } from "../helpers/fleet-fixture.ts";
import { verifyOciSignature } from "../helpers/oci-standin/verify-signature.ts";
import { startProviderStandin, type ProviderStandin } from "../helpers/provider-standin/index.ts";
import { monitorConfig } from "../helpers/provider-standin/monitor-config.ts";
import { readBody } from "../helpers/read-body.ts";
import { startRig } from "../helpers/rig/index.ts";
import { tmpDir } from "../helpers/tmp-dir.ts";
import { waitUntil } from "../helpers/wait-until.ts";
import { monitorRig } from "../integration/monitor/monitor-fixture.ts";
import { keys, profile } from "../unit/oci/fixtures.ts";
import { loopRig } from "../unit/oci/grab/loop-fixture.ts";
import { fault } from "./fault-case.ts";

const KEY = "sk-fault-suite-provider-key-0123456789";
const ENV = { PROVIDER_KEY: KEY };
const MiB = 1024 * 1024;

/** A loopback HTTP server of the test's own; `seen` records what reached it. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; host: string; seen: string[]; server: Server; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    void readBody(req).then(() => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    seen,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const PROVIDERS = ["anthropic", "openai", "zai", "minimax"] as const;

/** One account of each provider at `url`, and `monitor.timeoutMs`. */
function everyProviderAt(url: string, timeoutMs = 3000) {
  return monitorConfig({ providers: Object.fromEntries(PROVIDERS.map((p) => [p, [{ label: "main", keyEnv: "PROVIDER_KEY", baseUrl: url }]])), timeoutMs });
}

/** The windows of one account's check. */
const windowsOf = (checks: AccountCheck[], provider: string, label = "main"): QuotaWindow[] => checks.find((c) => c.provider === provider && c.account === label)?.windows ?? [];

/**
 * The monitor's alerts over `runs` runs of these checks (a real state.db and AlertBook): what an
 * error reading raises. None, or the faults would be an alert storm.
 */
async function alertsOver(check: () => Promise<AccountCheck[]>, runs = 3): Promise<number> {
  const rig = monitorRig();
  try {
    for (let i = 0; i < runs; i++) {
      await rig.run(await check());
      rig.clock.advance(5);
    }
    return rig.events.length;
  } finally {
    rig.close();
  }
}

/** Runs the node-side reader (the very program the nodes run) on this machine, with `prefix` before python3. */
function runReader(request: object, prefix: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const argv = [...prefix, "python3", "-", JSON.stringify(request)];
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    child.stdin.end(READER_PY);
  });
}

type Remote = { ok: true; at: unknown; data: unknown } | { ok: false; error: string; detail: string };

/** The reader's answer for one Codex `sessions` account whose CODEX_HOME is `dir`. */
async function readCodex(dir: string, prefix: string[] = []): Promise<{ reading: Remote; ms: number; stderr: string }> {
  const r = await runReader({ accounts: [{ key: "codex:pro", provider: "codex", source: "sessions", dir }], deadlineMs: 5000 }, prefix);
  assert.equal(r.code, 0, `the reader exits 0: ${r.stderr}`);
  const doc = JSON.parse(r.stdout) as { readings: Remote[] };
  return { reading: doc.readings[0]!, ms: r.ms, stderr: r.stderr };
}

/** A rollout's windows as the controller parses them from the reader's answer. */
function codexWindows(reading: Remote) {
  assert.ok(reading.ok, `a reading, not ${JSON.stringify(reading)}`);
  const parsed = AGENT_PARSERS["codex:sessions"]!(reading.data, { node: "local" });
  assert.ok("windows" in parsed, JSON.stringify(parsed));
  return parsed.windows.map((w) => [w.window, w.usedPct]);
}

/** Filler lines as a long Codex session writes them (tool output, reasoning), ~1 KiB each. */
function fillerMiB(seq: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < MiB - 1100; i++) {
    const line = JSON.stringify({ timestamp: "2026-11-30T09:00:00.000Z", type: "response_item", payload: { type: "function_call_output", call_id: `call_${seq}_${i}`, output: "x".repeat(900) } });
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

/** Under `home`: sessions/<day>/rollout-*.jsonl, `headBytes` of filler (sparse or written) then `tail`. */
function bigRollout(home: string, day: Date, headBytes: number, tail: string, opts: { sparse: boolean }): string {
  const path = join(home, rolloutPath(day, "big").replace(/^codex\//, ""));
  mkdirSync(join(path, ".."), { recursive: true });
  const fd = openSync(path, "w");
  try {
    if (opts.sparse) {
      ftruncateSync(fd, headBytes);
    } else {
      for (let written = 0, i = 0; written < headBytes; i++) written += writeSync(fd, fillerMiB(i));
    }
    writeSync(fd, tail, opts.sparse ? headBytes : null);
  } finally {
    closeSync(fd);
  }
  return path;
}

const FIVE_H = { minutes: 300 };
const WEEK = { minutes: 10080 };

/** A token_count line with a 5 h and a weekly window, used at `five` and `weekly` percent. */
function codexLine(at: Date, five: number, weekly: number): string {
  return tokenCountLine({
    at,
    windows: [
      { usedPct: five, ...FIVE_H, resetsAt: new Date(at.getTime() + 3 * 3600_000) },
      { usedPct: weekly, ...WEEK, resetsAt: new Date(at.getTime() + 4 * 86_400_000) },
    ],
  });
}

describe("fault suite: providers", () => {
  let standin: ProviderStandin;
  before(async () => {
    standin = await startProviderStandin();
  });
  after(async () => standin?.close());

  fault(
    "providers",
    {
      broken: "a provider answers its quota endpoint at 1 byte a second (headers at once, the body never ends)",
      holds: "the check ends at monitor.timeoutMs with a timeout reading and the connection closed; the healthy account beside it reads normally; three runs raise no alert",
      quick: true,
    },
    async () => {
      const open = new Set<ServerResponse>();
      const trickle = await serve((_req, res) => {
        open.add(res);
        res.writeHead(200, { "content-type": "application/json" });
        const body = JSON.stringify({ code: 200, success: true, data: { limits: [] } }).repeat(1000);
        let i = 0;
        const timer = setInterval(() => res.write(body[i++ % body.length]!), 1000);
        res.on("close", () => {
          clearInterval(timer);
          open.delete(res);
        });
      });
      try {
        const config = monitorConfig({
          providers: { zai: [{ label: "slow", keyEnv: "PROVIDER_KEY", baseUrl: trickle.url }, { label: "fine", keyEnv: "PROVIDER_KEY", baseUrl: standin.url }] },
          timeoutMs: 1500,
        });
        const started = Date.now();
        const checks = await checkAll(config, ENV);
        const ms = Date.now() - started;
        assert.ok(ms < 1500 + 3000, `bounded by monitor.timeoutMs (took ${ms} ms)`);
        const [slow] = windowsOf(checks, "zai", "slow");
        assert.deepEqual([slow?.status, slow?.errorKind, slow?.detail], ["error", "timeout", "no answer within 1500 ms"]);
        assert.ok(windowsOf(checks, "zai", "fine").every((w) => w.status === "ok" && w.usedPct !== null), "the other account is not held up");
        await waitUntil(() => open.size === 0, "the slow reply's connection to be closed by the client", 3000);
        assert.equal(await alertsOver(() => checkAll(config, ENV)), 0, "an error reading raises no alert");
      } finally {
        await trickle.close();
      }
    },
  );

  for (const declared of [false, true]) {
    fault(
      "providers",
      {
        broken: `a provider answers with a 50 MB body${declared ? " (Content-Length says so)" : " (chunked, no length given)"}`,
        holds: `at most ${MAX_BODY_BYTES / MiB} MiB is read${declared ? " (none: refused on the header)" : ""}, the reading is an error saying the reply is too large, the server is cut off long before 50 MB, no alert`,
        quick: true,
      },
      async () => {
        let sent = 0;
        let closed = false;
        const big = await serve((_req, res) => {
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          chunk.write('{"code":200,"success":true,"data":{"limits":[', 0);
          res.writeHead(200, { "content-type": "application/json", ...(declared ? { "content-length": String(50 * 1000 * 1000) } : {}) });
          const pump = () => {
            while (!closed && sent < 50 * 1000 * 1000) {
              sent += chunk.length;
              if (!res.write(chunk)) return void res.once("drain", pump);
            }
            if (!closed) res.end();
          };
          res.on("close", () => (closed = true));
          pump();
        });
        try {
          const config = monitorConfig({ providers: { zai: [{ label: "main", keyEnv: "PROVIDER_KEY", baseUrl: big.url }] }, timeoutMs: 10_000 });
          const heapBefore = process.memoryUsage();
          const started = Date.now();
          const checks = await checkAll(config, ENV);
          const ms = Date.now() - started;
          const heapAfter = process.memoryUsage();
          const [w] = windowsOf(checks, "zai");
          assert.equal(w?.status, "error");
          assert.equal(w?.errorKind, "http");
          assert.match(w?.detail ?? "", declared ? /^reply too large: HTTP 200 with a 47\.7 MiB body \(Content-Length\), over the 4 MiB limit; not read$/ : /^reply too large: HTTP 200 with a body over the 4 MiB limit; stopped reading$/);
          assert.ok((w?.raw ?? "").length <= 4000, "no body kept beyond the raw excerpt");
          assert.ok(ms < 10_000, `bounded time (${ms} ms)`);
          await waitUntil(() => closed, "the client to hang up on the 50 MB reply", 5000);
          assert.ok(sent < 20 * MiB, `the client stopped the transfer early: ${Math.round(sent / MiB)} MiB of 50 sent`);
          const grew = heapAfter.heapUsed + heapAfter.arrayBuffers - (heapBefore.heapUsed + heapBefore.arrayBuffers);
          assert.ok(grew < 40 * MiB, `bounded memory: heap and buffers grew ${Math.round(grew / MiB)} MiB`);
          assert.equal(await alertsOver(async () => checks), 0);
        } finally {
          await big.close();
        }
      },
    );
  }

  fault(
    "providers",
    {
      broken: "every provider answers 200 with invalid JSON (a body cut off mid-document)",
      holds: "each account reads as an error saying the reply is not JSON, the raw start kept (at most 4000 characters); no number invented; no alert",
      quick: true,
    },
    async () => {
      const cut = JSON.stringify({ code: 200, success: true, data: { limits: [{ type: "TOKENS_LIMIT", usage: 800000000, note: "y".repeat(6000) }] } }).slice(0, 5000);
      const broken = await serve((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(cut);
      });
      try {
        const checks = await checkAll(everyProviderAt(broken.url), ENV);
        for (const p of PROVIDERS) {
          const ws = windowsOf(checks, p);
          assert.ok(ws.length > 0, `${p}: a reading`);
          for (const w of ws) {
            assert.deepEqual([w.status, w.errorKind, w.detail], ["error", "unrecognised", "unrecognised response: not JSON (HTTP 200, 5000 characters)"], p);
            assert.equal(w.usedPct, null, `${p}: no number invented`);
            assert.ok((w.raw ?? "").length <= 4000, `${p}: raw capped`);
          }
        }
        assert.equal(await alertsOver(async () => checks), 0);
      } finally {
        await broken.close();
      }
    },
  );

  fault(
    "providers",
    {
      broken: "every provider answers 302/307 to a host nobody configured",
      holds: "the redirect is not followed (the key never reaches that host), each account reads as an error naming the status and the host, no alert",
      quick: true,
    },
    async () => {
      const elsewhere = await serve((_req, res) => res.end("{}"));
      let status = 302;
      const redirecting = await serve((req, res) => {
        res.writeHead(status, { location: `${elsewhere.url}${req.url}?sig=token-in-location` });
        res.end("moved");
      });
      try {
        for (const code of [302, 307]) {
          status = code;
          const checks = await checkAll(everyProviderAt(redirecting.url), ENV);
          for (const p of PROVIDERS) {
            const [w, ...rest] = windowsOf(checks, p);
            assert.deepEqual(rest, [], p);
            assert.deepEqual([w?.status, w?.errorKind, w?.detail], ["error", "http", `redirect not followed: HTTP ${code} to ${elsewhere.host} (the request carries a credential)`], p);
            assert.doesNotMatch(JSON.stringify(w), /token-in-location/, "the Location's query is not repeated");
          }
          assert.equal(await alertsOver(async () => checks), 0);
        }
        assert.deepEqual(elsewhere.seen, [], "the other host never saw a request");
      } finally {
        await Promise.all([elsewhere.close(), redirecting.close()]);
      }
    },
  );

  fault(
    "providers",
    {
      broken: "a Codex rollout file is cut off mid-line (the session still writing, or killed mid-write)",
      holds: "the node-side reader skips the partial line and reads the last complete token_count line; a file holding only a partial line reads as 'no reading' counting the unreadable line",
      quick: true,
    },
    async () => {
      const now = new Date();
      const home = tmpDir("oyster-codex-cut-");
      const read = new Date(now.getTime() - 20 * 60_000);
      const later = codexLine(new Date(now.getTime() - 60_000), 90, 95);
      bigRollout(home, now, 0, `${codexLine(read, 31, 57)}\n${later.slice(0, Math.floor(later.length / 2))}`, { sparse: true });
      const { reading } = await readCodex(home);
      assert.deepEqual(codexWindows(reading), [["5h", 31], ["weekly", 57]]);
      assert.equal((reading as { at: unknown }).at, read.toISOString(), "the reading is the complete line's, with its own time");

      const onlyCut = tmpDir("oyster-codex-cut-");
      bigRollout(onlyCut, now, 0, later.slice(0, 200), { sparse: true });
      const { reading: none } = await readCodex(onlyCut);
      assert.equal(none.ok, false);
      assert.match((none as { detail: string }).detail, /^no token_count event with rate limits in the last 4 MiB of the newest 1 rollout files .*; 1 unreadable lines$/);
    },
  );

  fault(
    "providers",
    {
      broken: "a Codex rollout file is 500 MB (sparse head; the reader is run with a 256 MB address-space limit)",
      holds: "read from its end only: the reading comes back within seconds under the memory limit; with the only token_count line at its start (beyond the 4 MiB tail), a clear 'no reading' naming the tail searched",
      quick: true,
    },
    async () => {
      const now = new Date();
      const capped = ["prlimit", `--as=${256 * MiB}`, "--"];
      const home = tmpDir("oyster-codex-big-");
      const tail = `\n${fillerMiB(1).toString().repeat(6)}${codexLine(new Date(now.getTime() - 5 * 60_000), 44, 12)}\n${fillerMiB(2).toString().slice(0, 4000)}\n`;
      bigRollout(home, now, 500 * 1000 * 1000, tail, { sparse: true });
      const { reading, ms } = await readCodex(home, capped);
      assert.deepEqual(codexWindows(reading), [["5h", 44], ["weekly", 12]]);
      // python3 starts in about a second here (a pyenv shim); reading 500 MB whole would not fit the limit at all.
      assert.ok(ms < 15_000, `bounded time (${ms} ms)`);

      // The proof that the limit bites: python starts under it, but reading the whole file fails.
      const empty = await runReader({ accounts: [] }, capped);
      assert.equal(empty.code, 0, empty.stderr);
      const probe = spawn(capped[0]!, [...capped.slice(1), "python3", "-c", `open(${JSON.stringify(join(home, rolloutPath(now, "big").replace(/^codex\//, "")))}, "rb").read()`]);
      const probeCode = await new Promise<number | null>((r) => probe.on("close", r));
      assert.notEqual(probeCode, 0, "reading the whole 500 MB under the same limit fails: the reader really reads only the tail");

      const headOnly = tmpDir("oyster-codex-big-");
      const path = bigRollout(headOnly, now, 0, `${codexLine(new Date(now.getTime() - 3600_000), 10, 10)}\n`, { sparse: true });
      const fd = openSync(path, "r+");
      ftruncateSync(fd, 500 * 1000 * 1000);
      closeSync(fd);
      const { reading: none, ms: ms2 } = await readCodex(headOnly, capped);
      assert.equal(none.ok, false);
      assert.match((none as { detail: string }).detail, /^no token_count event with rate limits in the last 4 MiB of the newest 1 rollout files \(no snapshot yet, or only further back\)$/);
      assert.ok(ms2 < 15_000, `bounded time (${ms2} ms)`);
    },
  );

  fault(
    "providers",
    {
      broken: "a node's newest Codex rollout is 500 MB of real session lines, its last line cut off mid-write (a real rig node, over SSH)",
      holds: "`oyster quota` reads the last complete token_count line on that node within seconds (only the file's tail is read), reading from node-1, status ok",
      timeoutMs: 120_000,
    },
    async () => {
      const rig = await startRig(1);
      try {
        const fleet = makeFleet(rig, { oyster: { monitor: { agents: [{ provider: "codex", label: "pro", dir: `${rig.dir}/{node}/codex` }] } } });
        const now = new Date();
        const line = codexLine(new Date(now.getTime() - 4 * 60_000), 66, 23);
        // Written through putAgentFile (ownership, folders), then grown in place to 500 MB.
        const path = putAgentFile(rig.node("node-1"), rolloutPath(now, "big"), "");
        const fd = openSync(path, "w");
        try {
          for (let written = 0, i = 0; written < 500 * 1000 * 1000; i++) written += writeSync(fd, fillerMiB(i));
          writeSync(fd, `${line}\n${line.slice(0, 120)}`);
        } finally {
          closeSync(fd);
        }
        utimesSync(path, now, now);
        const started = Date.now();
        const r = await fleet.oyster(["quota"]);
        const ms = Date.now() - started;
        rmSync(path, { force: true });
        const codex = (r.doc.windows as QuotaWindow[]).filter((w) => w.provider === "codex");
        assert.deepEqual(codex.map((w) => [w.window, w.usedPct, w.status, w.node]).sort(), [["5h", 66, "ok", "node-1"], ["weekly", 23, "ok", "node-1"]]);
        assert.ok(ms < 30_000, `bounded time (${ms} ms)`);
      } finally {
        await rig.close();
      }
    },
  );

  fault(
    "providers",
    {
      broken: "OCI answers 429 TooManyRequests to every call (availability domains, instances, launch) for an hour of fake clock",
      holds: `the grab pauses ${THROTTLE_PAUSE_MS / 60_000} minutes after each 429: at most 7 calls in the hour, all signed; no alert raised; the grab still running and saying why it waits`,
      quick: true,
    },
    async () => {
      const calls: Array<{ method: string; path: string; ok: boolean }> = [];
      let t0 = 0;
      const rig = await loopRig();
      const throttling = await serve(() => undefined);
      // Replace the handler: verify the signature (as OCI would), then 429 whatever was asked.
      throttling.server.removeAllListeners("request");
      throttling.server.on("request", (req: IncomingMessage, res: ServerResponse) => {
        void readBody(req).then((body) => {
          const verdict = verifyOciSignature({ method: req.method ?? "GET", target: req.url ?? "/", headers: req.headers, body }, keys.publicKey, rig.clock.now());
          calls.push({ method: req.method ?? "GET", path: new URL(req.url ?? "/", "http://x").pathname, ok: verdict.ok });
          res.writeHead(429, { "content-type": "application/json", "opc-request-id": `req-${calls.length}` });
          res.end(JSON.stringify({ code: "TooManyRequests", message: "Too many requests for the user" }));
        });
      });
      try {
        const grab = rig.start();
        const ac = new AbortController();
        t0 = rig.clock.t;
        const client = createOciClient({ profile, region: "eu-frankfurt-1", endpoints: { core: throttling.url, identity: throttling.url }, now: rig.clock.now, timeoutMs: 5000 });
        const started = Date.now();
        const ended = await runGrab(
          rig.deps({
            client,
            async sleep(ms, signal) {
              await rig.clock.sleep(ms, signal);
              if (rig.clock.t - t0 >= 3600_000) ac.abort();
            },
          }),
          grab.id,
          ac.signal,
        );
        const ms = Date.now() - started;
        assert.ok(rig.clock.t - t0 >= 3600_000, "an hour of fake clock went by");
        assert.ok(ms < 20_000, `bounded real time (${ms} ms)`);
        assert.ok(calls.length >= 6 && calls.length <= 7, `one call per 10-minute pause: ${calls.length} in the hour`);
        assert.ok(calls.every((c) => c.ok), "every call signed correctly");
        assert.equal(calls.filter((c) => c.method === "POST").length, 0, "never got as far as a launch");
        assert.deepEqual(rig.events.seen.alerts, [], "no alert: throttling is waited out, not alerted");
        assert.ok(rig.events.seen.progress.length <= calls.length, `one progress update per call at most (${rig.events.seen.progress.length})`);
        assert.equal(ended.status, "running", "still grabbing when the hour ends");
        const now = rig.grabs.get(grab.id)!;
        assert.match(now.pauseReason ?? "", /OCI throttled this account \(429\)/);
        assert.ok(now.pausedUntil && Date.parse(now.pausedUntil) >= rig.clock.t, "paused, not given up");
        assert.match(JSON.stringify(now.adErrors), /HTTP 429 TooManyRequests Too many requests for the user/);
        assert.equal(rig.events.seen.ended.length, 0);
      } finally {
        await throttling.close();
        await rig.close();
      }
    },
  );
});

import { OysterError } from "../../errors.ts";
import { shellQuote } from "../../ssh/quote.ts";
import type { SshPool } from "../../ssh/index.ts";
import type { AgentRequest } from "./agent-targets.ts";
import { READER_PY } from "./remote/reader-script.ts";
import { scrubReading } from "./scrub-reading.ts";

/** What the node-side reader sent back for one account. */
export type RemoteReading =
  | { key: string; ok: true; at: unknown; data: unknown }
  | { key: string; ok: false; error: string; detail: string };

export interface ReadOptions {
  timeoutMs: number;
  /** Extra request fields a source reads (e.g. the usage endpoint a test points at loopback). */
  extra?: Record<string, unknown>;
}

function isReading(value: unknown): value is RemoteReading {
  const r = value as Record<string, unknown> | null;
  return r !== null && typeof r === "object" && typeof r.key === "string" && typeof r.ok === "boolean";
}

/**
 * Every agent account of one node in one SSH round trip: the fixed reader on stdin, the request
 * as one quoted argument. A reader that fails as a whole (no python3, a crash) fails every
 * account of that node with what it printed, scrubbed.
 */
export async function readAgentsOn(pool: SshPool, node: string, requests: readonly AgentRequest[], opts: ReadOptions): Promise<RemoteReading[]> {
  // Sources that wait on something (a codex app-server, an HTTP call) stop by this deadline, well
  // inside the SSH command's own timeout, so the node reports a timeout instead of being cut off.
  const deadlineMs = Math.max(1000, opts.timeoutMs - 2000);
  const request = JSON.stringify({ accounts: requests.map(({ key, provider, source, dir }) => ({ key, provider, source, dir })), deadlineMs, ...opts.extra });
  const r = await pool.exec(node, `python3 - ${shellQuote(request)}`, { stdin: READER_PY, timeoutMs: opts.timeoutMs, maxOutputBytes: 4 * 1024 * 1024 });
  let doc: unknown;
  try {
    doc = JSON.parse(r.stdout);
  } catch {
    doc = undefined;
  }
  const readings = (doc as { readings?: unknown } | undefined)?.readings;
  if (r.code !== 0 || !Array.isArray(readings) || !readings.every(isReading)) {
    const said = scrubReading((r.stderr || r.stdout).trim().split("\n").slice(-3).join(" | "), 300);
    throw new OysterError("CommandFailed", `the agent reader failed on ${node} (exit ${r.code ?? r.signal}): ${said || "no output"}`, { node });
  }
  return readings;
}

import type { Config } from "../../config/index.ts";
import { toOysterError } from "../../errors.ts";
import { scrub } from "../../secrets/index.ts";
import type { SshPool } from "../../ssh/index.ts";
import type { Db } from "../../store/index.ts";
import { utcMinute } from "../../render/utc-time.ts";
import { classify } from "../classify.ts";
import { ACCOUNT_WINDOW, failed, type Reading } from "../providers/reading.ts";
import type { AccountCheck, QuotaWindow } from "../types.ts";
import { accountNodes, agentTargets, type AgentAccount, type AgentRequest } from "./agent-targets.ts";
import { callGate } from "./call-gate.ts";
import { freshest, isStale, type NodeReading } from "./freshest.ts";
import { readAgentsOn, type RemoteReading } from "./read-node.ts";
import { scrubReading } from "./scrub-reading.ts";
import { AGENT_PARSERS } from "./sources/index.ts";

export interface AgentCheckDeps {
  config: Config;
  ssh: SshPool;
  now: () => Date;
  /** Configured secrets, scrubbed from every detail besides the reading's own shapes. */
  secrets: readonly string[];
  /** Extra fields of the node-side request (tests point a source's endpoint at loopback). */
  extra?: Record<string, unknown>;
  /** state.db: what sources that call an endpoint keep between runs (last reading, backoff). */
  db?: Db;
  /** Where the test-only stand-in address for the Claude usage call is read (loopback only). */
  env?: NodeJS.ProcessEnv;
}

/** What came back for one account on one node: a reading, or why there is none (and how long to leave it be). */
export type NodeAnswer = { node: string; reading: NodeReading } | { node: string; problem: Reading; backoffSeconds?: number };

function answerOf(node: string, source: string, key: string, r: RemoteReading): NodeAnswer {
  if (!r.ok) {
    const kind = r.error === "missing" || r.error === "empty" ? "no_reading" : r.error === "unrecognised" ? "unrecognised" : r.error === "timeout" ? "timeout" : "node";
    const detail = kind === "unrecognised" ? `unrecognised reading from ${source} on ${node}` : `${node}: ${scrubReading(r.detail, 300)}`;
    return { node, problem: failed(kind, detail, kind === "unrecognised" ? scrubReading(r.detail) : undefined) };
  }
  const parsed = AGENT_PARSERS[`${key.split(":")[0]}:${source}`]?.(r.data, { node });
  if (!parsed) return { node, problem: failed("node", `${node}: no parser for ${source}`) };
  if ("problem" in parsed) return { node, problem: failed(parsed.problem, parsed.detail), ...(parsed.backoffSeconds ? { backoffSeconds: parsed.backoffSeconds } : {}) };
  if ("unrecognised" in parsed) return { node, problem: failed("unrecognised", `unrecognised reading from ${source} on ${node}: ${parsed.why}`, scrubReading(parsed.unrecognised)) };
  if (parsed.windows.length === 0) return { node, problem: failed("no_reading", `${node}: ${parsed.note ?? "no window in the reading"}`) };
  const ms = typeof r.at === "string" ? Date.parse(r.at) : Number.NaN;
  return { node, reading: { node, source, at: Number.isNaN(ms) ? null : new Date(ms).toISOString(), windows: parsed.windows, ...(parsed.note ? { note: parsed.note } : {}) } };
}

/** A window whose reset passed since the reading: its figure is history, not the window now. */
function sinceReset(w: Reading, now: Date): Reading {
  if (w.resetsAt === null || Date.parse(w.resetsAt) > now.getTime() || w.usedPct === null) return w;
  return { ...w, usedPct: null, resetSince: w.resetsAt, note: `reset since ${utcMinute(w.resetsAt)} (was ${Math.round(w.usedPct)}% when read)` };
}

function accountCheck(a: AgentAccount, answers: NodeAnswer[], deps: AgentCheckDeps): AccountCheck {
  const now = deps.now();
  const { thresholds, agentStaleHours } = deps.config.oyster.monitor;
  const owner = { provider: a.provider, account: a.label } as const;
  const base = { ...owner, checkedAt: now.toISOString() };
  const finish = (r: Reading): QuotaWindow => {
    const { status: _said, ...rest } = r;
    const w: QuotaWindow = { ...owner, ...rest, status: classify(r, thresholds) };
    if (w.detail !== undefined) w.detail = scrub(w.detail, deps.secrets);
    if (w.raw !== undefined) w.raw = scrub(w.raw, deps.secrets);
    return w;
  };
  const best = freshest(answers.flatMap((x) => ("reading" in x ? [x.reading] : [])));
  if (best) {
    const stale = best.stale === true || isStale(best.at, now, agentStaleHours);
    return {
      ...base,
      windows: best.windows.map((w) => sinceReset(w, now)).map((w) => finish({
        ...w, node: best.node, source: best.source, ...(best.at ? { readingAt: best.at } : {}), ...(stale ? { stale: true } : {}),
        ...(w.note ?? best.note ? { note: [w.note, best.note].filter(Boolean).join("; ") } : {}),
      })),
    };
  }
  const problems = answers.flatMap((x) => ("problem" in x ? [x.problem] : []));
  if (problems.length === 0) return { ...base, windows: [finish(failed("no_reading", `no node to read it on (monitor.agents ${a.provider}:${a.label}: none of its nodes is in nodes.json)`))] };
  // One problem says it; several are one line, worst kind first (an unrecognised shape is news).
  const order = ["unrecognised", "node", "no_reading"];
  problems.sort((x, y) => order.indexOf(x.errorKind ?? "node") - order.indexOf(y.errorKind ?? "node"));
  const first = problems[0]!;
  return { ...base, windows: [finish({ ...first, window: ACCOUNT_WINDOW, detail: problems.map((p) => p.detail).join("; ") })] };
}

/**
 * Every `monitor.agents` account read on its nodes: one SSH round trip per node (all its accounts
 * at once, nodes in parallel within ssh.concurrency), the freshest reading of each account's
 * nodes kept. Never throws: a node that cannot be read is that account's error.
 */
export async function checkAgents(deps: AgentCheckDeps): Promise<AccountCheck[]> {
  const accounts = deps.config.oyster.monitor.agents;
  if (accounts.length === 0) return [];
  const timeoutMs = deps.config.oyster.monitor.timeoutMs;
  // Sources that call an endpoint pass a gate: a node backing off after a 429 is not asked at all.
  const gate = callGate({ ...deps, timeoutMs });
  const targets = new Map<string, AgentRequest[]>();
  const byAccount = new Map<string, NodeAnswer[]>();
  for (const [node, requests] of agentTargets(deps.config)) {
    const { send, held } = gate.hold(node, requests);
    if (send.length > 0) targets.set(node, send);
    for (const h of held) byAccount.set(h.key, [...(byAccount.get(h.key) ?? []), h.answer]);
  }
  const extra = { ...gate.extra, ...deps.extra };
  const outcomes = await deps.ssh.forEach([...targets.keys()], (t) => readAgentsOn(deps.ssh, t.name, targets.get(t.name)!, { timeoutMs, extra }));
  for (const o of outcomes) {
    for (const req of targets.get(o.node) ?? []) {
      const list = byAccount.get(req.key) ?? [];
      if (o.ok) {
        const r = o.value.find((x) => x.key === req.key);
        list.push(r ? gate.settle(o.node, req, answerOf(o.node, req.source, req.key, r)) : { node: o.node, problem: failed("node", `${o.node}: the reader sent nothing for ${req.key}`) });
      } else {
        const e = toOysterError(o.error);
        list.push({ node: o.node, problem: failed(e.code === "SshTimeout" ? "timeout" : "node", `${o.node}: ${e.message}`) });
      }
      byAccount.set(req.key, list);
    }
  }
  return accounts.map((a) => {
    const answers = byAccount.get(`${a.provider}:${a.label}`) ?? [];
    const unknown = accountNodes(a, deps.config.nodes).unknown;
    for (const n of unknown) answers.push({ node: n, problem: failed("node", `${n}: not in nodes.json`) });
    return accountCheck(a, answers, deps);
  });
}

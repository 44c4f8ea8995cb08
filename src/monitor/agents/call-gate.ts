import type { Db } from "../../store/index.ts";
import { utcMinute } from "../../render/utc-time.ts";
import { failed } from "../providers/reading.ts";
import type { AgentRequest } from "./agent-targets.ts";
import { CallLedger } from "./call-ledger.ts";
import type { NodeAnswer } from "./check-agents.ts";
import { usageOverride } from "./usage-override.ts";

/** Sources that call an endpoint from the node: a 429 keeps their last reading and holds the node off. */
const CALLING = new Set(["claude:oauth"]);

export interface CallGateDeps {
  db?: Db;
  env?: NodeJS.ProcessEnv;
  now: () => Date;
  /** monitor.timeoutMs: the node's HTTP call gets less, so its own timeout is what reports. */
  timeoutMs: number;
}

export interface CallGate {
  /** Request fields for the node's reader: the loopback stand-in (tests) and the HTTP budget. */
  extra: Record<string, unknown>;
  /** Split a node's requests: those to send, and those answered here without a call. */
  hold(node: string, requests: readonly AgentRequest[]): { send: AgentRequest[]; held: Array<{ key: string; answer: NodeAnswer }> };
  /** Remember a good reading; after a 429, start the backoff and answer with the kept reading. */
  settle(node: string, req: AgentRequest, answer: NodeAnswer): NodeAnswer;
}

/**
 * Between the controller and the calling sources: it refuses a non-loopback stand-in address,
 * keeps a node that was told 429 from calling again before its backoff ends (whichever process
 * runs the check: the ledger is in state.db), and shows the last reading meanwhile, marked stale
 * so it pauses, resumes and alerts nothing. Without state.db (a bare library call) there is
 * nothing to keep: a 429 is then just that run's error.
 */
export function callGate(deps: CallGateDeps): CallGate {
  const override = usageOverride(deps.env);
  const ledger = deps.db ? new CallLedger(deps.db) : undefined;
  const calls = (req: AgentRequest) => CALLING.has(`${req.provider}:${req.source}`);

  const kept = (node: string, req: AgentRequest, until: string, why: string): NodeAnswer | undefined => {
    const last = ledger?.get(req.key, node).reading;
    if (!last) return undefined;
    const note = `kept from the last answer: ${why}; next call after ${utcMinute(until)}`;
    return { node, reading: { ...last, stale: true, note: [last.note, note].filter(Boolean).join("; ") } };
  };

  return {
    extra: { httpTimeoutMs: Math.max(1000, Math.round(deps.timeoutMs * 0.7)), ...(override.url ? { claudeUsageUrl: override.url } : {}) },
    hold(node, requests) {
      const send: AgentRequest[] = [];
      const held: Array<{ key: string; answer: NodeAnswer }> = [];
      const now = deps.now().getTime();
      for (const req of requests) {
        if (!calls(req)) {
          send.push(req);
          continue;
        }
        if (override.refused && req.provider === "claude") {
          held.push({ key: req.key, answer: { node, problem: failed("node", `${node}: ${override.refused}`) } });
          continue;
        }
        const until = ledger?.get(req.key, node).backoffUntil;
        if (!until || Date.parse(until) <= now) {
          send.push(req);
          continue;
        }
        const why = `${node} is backing off after a 429 from the usage endpoint`;
        held.push({ key: req.key, answer: kept(node, req, until, why) ?? { node, problem: failed("rate_limited", `${why}; next call after ${utcMinute(until)}`) } });
      }
      return { send, held };
    },
    settle(node, req, answer) {
      if (!calls(req) || !ledger) return answer;
      const now = deps.now();
      if ("reading" in answer) {
        ledger.saveReading(req.key, node, answer.reading, now);
        return answer;
      }
      if (!answer.backoffSeconds) return answer;
      const until = new Date(now.getTime() + answer.backoffSeconds * 1000);
      ledger.backOff(req.key, node, until, now);
      return kept(node, req, until.toISOString(), answer.problem.detail ?? "429") ?? answer;
    },
  };
}

import type { Config } from "../../config/index.ts";
import { QuotaSamples, type QuotaSample } from "../../monitor/quota-samples.ts";
import type { Db } from "../../store/index.ts";
import type { QuotaAccount, QuotaExhausted, QuotaSection, QuotaWindowLine } from "../types.ts";

const STATUS_RANK: Record<string, number> = { exhausted: 0, low: 1, ok: 2, error: 3 };

/** Worst first: exhausted, then the highest used %, errors (no number) last. */
export function worstFirst(a: QuotaWindowLine, b: QuotaWindowLine): number {
  const rank = (w: QuotaWindowLine) => (w.status === "exhausted" ? 0 : w.usedPct === null ? 2 : 1);
  return rank(a) - rank(b) || (b.usedPct ?? -1) - (a.usedPct ?? -1) || (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) || a.window.localeCompare(b.window);
}

const line = (s: QuotaSample): QuotaWindowLine => ({ window: s.window, usedPct: s.usedPct, status: s.status, resetsAt: s.resetsAt, ...(s.detail ? { detail: s.detail } : {}) });

/**
 * API quota per provider account from the monitor's samples in the report's 24 h: each window's
 * newest reading, the worst first (accounts too), and every account exhausted at some point.
 */
export function gatherQuota(config: Config, db: Db, since: Date): QuotaSection {
  const configured = [
    ...Object.entries(config.oyster.monitor.providers).flatMap(([provider, list]) => (list ?? []).map((a) => ({ provider, account: a.label }))),
    // Agent plans read on the nodes are accounts like any other here.
    ...config.oyster.monitor.agents.map((a) => ({ provider: a.provider as string, account: a.label })),
  ];
  if (configured.length === 0) return { state: "not-configured", reason: "no accounts in oyster.json monitor.providers or monitor.agents" };
  const samples = new QuotaSamples(db).list({ since });
  const newest = new Map<string, QuotaSample>();
  for (const s of samples) newest.set(`${s.provider}\n${s.account}\n${s.window}`, s);

  const accounts: QuotaAccount[] = configured.map(({ provider, account }) => {
    const windows = [...newest.values()].filter((s) => s.provider === provider && s.account === account).map(line).sort(worstFirst);
    const worst = windows[0];
    if (!worst) return { provider, account, usedPercent: null, note: "no data yet", windows };
    const note = worst.status === "error" ? `error: ${worst.detail ?? "no reading"}` : worst.status;
    return { provider, account, usedPercent: worst.usedPct, note, windows };
  });
  accounts.sort((a, b) => (a.windows?.[0] && b.windows?.[0] ? worstFirst(a.windows[0], b.windows[0]) : a.windows?.[0] ? -1 : b.windows?.[0] ? 1 : 0));

  const exhausted = new Map<string, QuotaExhausted>();
  for (const s of samples.filter((x) => x.status === "exhausted")) {
    const key = `${s.provider}\n${s.account}`;
    const e = exhausted.get(key) ?? { provider: s.provider, account: s.account, windows: [], lastAt: s.at };
    if (!e.windows.includes(s.window)) e.windows.push(s.window);
    e.lastAt = s.at;
    exhausted.set(key, e);
  }
  return { state: "configured", accounts, exhausted: [...exhausted.values()] };
}

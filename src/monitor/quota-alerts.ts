import type { AlertBook } from "../alerts/alert-book.ts";
import type { Severity } from "../alerts/types.ts";
import { countdown, forecast } from "./burn-rate.ts";
import type { QuotaSample } from "./quota-samples.ts";
import { accountKey, type AccountCheck, type QuotaProvider, type QuotaWindow } from "./types.ts";

/** One alert per (account, window): the alert's `check`. */
export const windowCheck = (provider: QuotaProvider, account: string, window: string) => `quota:${provider}:${account}:${window}`;
/** A rejected key (or a key with no plan on it) is its own alert, whatever window it hides. */
export const keyCheck = (provider: QuotaProvider, account: string) => `quota:${provider}:${account}:key`;

export interface QuotaAlertDeps {
  alerts: AlertBook;
  thresholds: readonly number[];
  now: () => Date;
  /** The recent samples of one window, oldest first (the burn rate). */
  history: (w: QuotaWindow) => QuotaSample[];
  /** Per account (`provider:label`): what pausing did about it, for the exhausted alert. */
  pauseNote?: (account: string) => string | undefined;
}

export type WindowVerdict = { kind: "alert"; severity: Severity; what: string } | { kind: "clear" } | { kind: "unknown" };

/**
 * What one window's reading says: warning at or over the first threshold, critical at the second
 * and when exhausted, clear under the first; unknown when there is no number (an error).
 */
export function judgeWindow(w: QuotaWindow, thresholds: readonly number[]): WindowVerdict {
  const [warn = 80, crit = Infinity] = thresholds;
  // A stale agent reading changes no alert: it may be days old.
  if (w.stale) return { kind: "unknown" };
  if (w.resetSince) return { kind: "clear" };
  if (w.status === "exhausted") return { kind: "alert", severity: "critical", what: `exhausted${w.usedPct === null ? "" : ` (${pct(w.usedPct)} used)`}` };
  if (w.status === "error" || w.usedPct === null) return { kind: "unknown" };
  if (w.usedPct >= crit) return { kind: "alert", severity: "critical", what: `at ${pct(w.usedPct)}` };
  if (w.usedPct >= warn) return { kind: "alert", severity: "warning", what: `at ${pct(w.usedPct)}` };
  return { kind: "clear" };
}

/** Raises, updates and resolves the monitor's alerts for one run's checks. Returns how many are open. */
export async function applyQuotaAlerts(deps: QuotaAlertDeps, checks: readonly AccountCheck[]): Promise<number> {
  let open = 0;
  for (const c of checks) {
    const name = accountKey(c.provider, c.account);
    const problem = c.windows.find(isKeyProblem);
    if (problem) {
      open++;
      await deps.alerts.raise({ source: "monitor", check: keyCheck(c.provider, c.account), node: null, severity: "warning", attempts: 1, message: `${name}: ${keyProblemText(problem)}` });
    } else if (c.windows.some((w) => w.status !== "error")) {
      await deps.alerts.resolve("monitor", keyCheck(c.provider, c.account), null, `${name}: key accepted again`);
    }
    for (const w of c.windows) {
      if (isKeyProblem(w)) continue;
      const verdict = judgeWindow(w, deps.thresholds);
      const check = windowCheck(c.provider, c.account, w.window);
      if (verdict.kind === "alert") {
        open++;
        const message = windowMessage(deps, name, w, verdict.what);
        await deps.alerts.raise({ source: "monitor", check, node: null, severity: verdict.severity, attempts: 1, message });
      } else if (verdict.kind === "clear") {
        const now = w.resetSince ? `reset at ${w.resetSince}` : `window reset, ${pct(w.usedPct!)} used`;
        await deps.alerts.resolve("monitor", check, null, `${name} ${w.window}: ${now}`);
      }
    }
  }
  return open;
}

/** What the key alert is about: the key refused, or accepted with no plan on it to meter. Never a window's verdict. */
const isKeyProblem = (w: QuotaWindow): boolean => w.errorKind === "key_rejected" || w.errorKind === "no_plan";

function keyProblemText(w: QuotaWindow): string {
  const what = w.errorKind === "no_plan" ? "no plan on this key" : "key rejected";
  if (!w.detail) return what;
  // Details that already say what happened ("key rejected (HTTP 401)", "no coding plan on this key (...)") stand alone.
  return /^(key rejected|no .*plan|.*plan expired)/i.test(w.detail) ? w.detail : `${what}: ${w.detail}`;
}

function windowMessage(deps: QuotaAlertDeps, name: string, w: QuotaWindow, what: string): string {
  const now = deps.now();
  const parts = [`${name} ${w.window} ${what}${amounts(w)}`];
  if (w.resetsAt) parts.push(`resets ${w.resetsAt} (in ${countdown(Date.parse(w.resetsAt) - now.getTime())})`);
  const f = forecast(deps.history(w), now);
  if (f && w.status !== "exhausted") parts.push(f.text);
  const note = w.status === "exhausted" ? deps.pauseNote?.(name) : undefined;
  if (note) parts.push(note);
  return parts.join("; ");
}

const pct = (n: number) => `${Math.round(n * 10) / 10}%`;
const amounts = (w: QuotaWindow) => (w.used !== null && w.limit !== null ? `, ${w.used.toLocaleString("en-US")} of ${w.limit.toLocaleString("en-US")}` : "");

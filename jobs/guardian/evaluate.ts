import type { AlertBook } from "../../src/alerts/alert-book.ts";
import { toOysterError } from "../../src/errors.ts";
import { REACHABILITY_CHECKS, type CheckName, type Detection } from "./checks/index.ts";
import { rearmAction } from "./alert-actions.ts";
import type { Ledger } from "./ledger.ts";
import type { CheckResult } from "./report.ts";

export interface EvaluateDeps {
  ledger: Ledger;
  alerts: AlertBook;
  fix: boolean;
  storm: boolean;
  maxFixAttempts: number;
  alertAfter: number;
}

/**
 * Turns one detection into an outcome: fix within the incident's budget, keep the ledger, and
 * raise or resolve the alert. With fix off nothing is written: detection only.
 */
export async function evaluate(deps: EvaluateDeps, check: CheckName, node: string | null, detect: () => Promise<Detection>): Promise<CheckResult> {
  let d: Detection;
  try {
    d = await detect();
  } catch (err) {
    d = { ok: false, severity: "warning", detail: `check could not run: ${toOysterError(err).message}` };
  }
  if ("skip" in d) return { check, node, status: "skipped", detail: d.skip };
  if (d.ok) {
    if (!deps.fix) return { check, node, status: "passed", detail: d.detail };
    deps.ledger.recordPass(check, node, d.detail);
    const resolved = await deps.alerts.resolve("guardian", check, node);
    return { check, node, status: "passed", detail: d.detail, ...(resolved ? { alert: { id: resolved.id, status: resolved.status } } : {}) };
  }
  if (!deps.fix) return { check, node, status: "failed", detail: d.detail };

  const max = deps.maxFixAttempts;
  const stormHeld = deps.storm && REACHABILITY_CHECKS.includes(check);
  let detail = d.detail;
  let made = deps.ledger.get(check, node)?.fixAttempts ?? 0;
  if (d.fix && stormHeld) {
    detail += "; no fix during a storm";
  } else if (d.fix && made < max) {
    made = deps.ledger.countFixAttempt(check, node);
    try {
      const done = await d.fix();
      deps.ledger.recordFixed(check, node, done);
      deps.ledger.recordFixOutcome(check, node, true, done);
      const resolved = await deps.alerts.resolve("guardian", check, node);
      return { check, node, status: "fixed", detail: `${d.detail}; ${done}`, fixAttempts: { made, max }, ...(resolved ? { alert: { id: resolved.id, status: resolved.status } } : {}) };
    } catch (err) {
      const why = toOysterError(err).message;
      deps.ledger.recordFixOutcome(check, node, false, why);
      detail += `; fix attempt ${made} of ${max} failed: ${why}`;
      if (made >= max) detail += "; auto-fix stopped for this incident";
    }
  } else if (d.fix) {
    detail += max === 0 ? "; auto-fix is off (max_fix_attempts 0)" : `; auto-fix stopped for this incident after ${made} failed attempt(s)`;
  } else if (d.noFix) {
    detail += `; ${d.noFix}`;
  } else if (d.deferred) {
    detail += `; ${d.deferred}`;
  }

  const entry = deps.ledger.recordFailure(check, node, detail);
  const result: CheckResult = { check, node, status: "failed", detail, ...(d.fix ? { fixAttempts: { made, max } } : {}) };
  if (stormHeld) return result;
  if (d.alertNow || entry.consecutiveFailures >= deps.alertAfter) {
    // A spent budget (not auto-fix switched off) is what --rearm gives back: offer it on the alert.
    const spent = d.fix !== undefined && max > 0 && made >= max;
    const actions = [...(d.actions ?? []), ...(spent ? [rearmAction(check, node)] : [])];
    const alert = await deps.alerts.raise({ source: "guardian", check, node, severity: d.severity, message: `${node ?? "fleet"}: ${check}: ${detail}`, attempts: made, actions });
    result.alert = { id: alert.id, status: alert.status };
  }
  return result;
}

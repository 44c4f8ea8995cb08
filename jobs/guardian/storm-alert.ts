import type { EvaluateDeps } from "./evaluate.ts";
import type { CheckResult } from "./report.ts";

/**
 * The storm's own incident: one grouped alert naming the nodes (after `alertAfter` stormy runs,
 * like any other), resolved when a run is no longer a storm.
 */
export async function stormResult(ev: EvaluateDeps, storm: boolean, total: number, failing: string[]): Promise<CheckResult | undefined> {
  if (!storm) {
    const before = ev.ledger.get("storm", null);
    if (!before || before.status === "pass") return undefined;
    ev.ledger.recordPass("storm", null, "no storm");
    const resolved = await ev.alerts.resolve("guardian", "storm", null);
    return { check: "storm", node: null, status: "passed", detail: "storm over", ...(resolved ? { alert: { id: resolved.id, status: resolved.status } } : {}) };
  }
  const detail = `${failing.length} of ${total} nodes unreachable at once (${failing.join(", ")}): the controller's own network is the likely cause; no fixes attempted`;
  const entry = ev.ledger.recordFailure("storm", null, detail);
  const result: CheckResult = { check: "storm", node: null, status: "failed", detail };
  if (entry.consecutiveFailures >= ev.alertAfter) {
    const alert = await ev.alerts.raise({ source: "guardian", check: "storm", node: null, nodes: failing, severity: "critical", message: detail, attempts: 0 });
    result.alert = { id: alert.id, status: alert.status };
  }
  return result;
}

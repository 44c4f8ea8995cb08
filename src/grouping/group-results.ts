/**
 * What `groupResults` needs of a result: a check's name, the node it ran on (null for a
 * fleet-wide result), its outcome and what it said. The guardian's CheckResult fits as it is;
 * an alert fits as `{ check, node, status: severity, detail: message }`.
 */
export interface Groupable {
  check: string;
  node: string | null;
  status: string;
  detail: string;
}

/** Results that read as one line: the same check, outcome and (where it counts) detail. */
export interface ResultGroup<R extends Groupable = Groupable> {
  check: string;
  status: R["status"];
  /** The detail every result in the group shares; null where the outcome groups without it (passes). */
  detail: string | null;
  /** The nodes, in the order they came; empty for a fleet-wide group. */
  nodes: string[];
  /** A fleet-wide group (its results have node null); never mixed with node results. */
  fleetWide: boolean;
  /** The results themselves, in the order they came (for their alerts, fix attempts, ...). */
  results: R[];
}

export interface GroupOptions {
  /** Outcomes counted without their detail: every pass is one line however its readings differ. Default `["passed"]`. */
  countOnly?: readonly string[];
  /** Outcomes in the order their groups are listed; others follow. Default `["failed", "fixed", "passed", "skipped"]`. */
  statusOrder?: readonly string[];
}

export const DEFAULT_COUNT_ONLY: readonly string[] = ["passed"];
export const DEFAULT_STATUS_ORDER: readonly string[] = ["failed", "fixed", "passed", "skipped"];

/**
 * Results grouped by check and outcome: a failure that hit many nodes with the same detail is one
 * group naming them all; a different detail is a group of its own; passes are one group per check.
 * Groups come by outcome (`statusOrder`), then in the order their first result came. Pure.
 */
export function groupResults<R extends Groupable>(results: readonly R[], opts: GroupOptions = {}): ResultGroup<R>[] {
  const countOnly = new Set(opts.countOnly ?? DEFAULT_COUNT_ONLY);
  const order = opts.statusOrder ?? DEFAULT_STATUS_ORDER;
  const groups = new Map<string, ResultGroup<R>>();
  for (const r of results) {
    const detail = countOnly.has(r.status) ? null : r.detail;
    const fleetWide = r.node === null;
    const key = JSON.stringify([r.check, r.status, fleetWide, detail]);
    let g = groups.get(key);
    if (!g) {
      g = { check: r.check, status: r.status, detail, nodes: [], fleetWide, results: [] };
      groups.set(key, g);
    }
    g.results.push(r);
    if (r.node !== null && !g.nodes.includes(r.node)) g.nodes.push(r.node);
  }
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  // Array.prototype.sort is stable: within an outcome, groups keep the order they came in.
  return [...groups.values()].sort((a, b) => rank(a.status) - rank(b.status));
}

/**
 * Groups of one outcome that share detail and nodes, merged into one with several checks (a node
 * that did not answer skips every check for the same reason: one line, not one per check).
 */
export interface MergedGroup<R extends Groupable = Groupable> extends Omit<ResultGroup<R>, "check"> {
  checks: string[];
}

export function mergeAcrossChecks<R extends Groupable>(groups: readonly ResultGroup<R>[]): MergedGroup<R>[] {
  const merged = new Map<string, MergedGroup<R>>();
  for (const g of groups) {
    const key = JSON.stringify([g.status, g.fleetWide, g.detail, g.nodes]);
    const m = merged.get(key);
    if (m) {
      if (!m.checks.includes(g.check)) m.checks.push(g.check);
      m.results.push(...g.results);
    } else {
      const { check, ...rest } = g;
      merged.set(key, { ...rest, checks: [check], results: [...g.results] });
    }
  }
  return [...merged.values()];
}

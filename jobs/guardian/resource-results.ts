import type { Severity } from "../../src/alerts/types.ts";
import { assessResources, isFilesystemCheck, type Assessment } from "../../src/resources/assess.ts";
import { stableMessage } from "../../src/resources/stable-message.ts";
import type { Level } from "../../src/resources/decide.ts";
import type { ResourceCheck, ResourceThresholds } from "../../src/resources/types.ts";
import type { EvaluateDeps } from "./evaluate.ts";
import type { Reachability } from "./probe.ts";
import type { CheckResult } from "./report.ts";

const levelOf = (severity: Severity | undefined): Level => (severity === "warning" || severity === "critical" ? severity : "ok");

/**
 * A node's disks, inodes and memory as read in this run's probe: one alert per (node, resource),
 * warning or critical, its message the reading ("node-2: disk / 93% used (46.5 of 50 GiB)").
 * Never fixed (nothing counts as a fix attempt) and never part of a storm. A node that did not
 * answer has no reading and nothing here: its availability alert covers it, and its resource
 * alerts stay as they were until a reading says otherwise.
 */
export async function resourceResults(ev: EvaluateDeps, node: string, r: Reachability | undefined, thresholds: ResourceThresholds): Promise<CheckResult[]> {
  if (r?.state !== "up" || !r.resources) return [];
  const reading = r.resources;
  const { assessments, unjudged } = assessResources(reading, thresholds, (check) => levelOf(ev.alerts.find("guardian", check, node)?.severity));
  const results: CheckResult[] = [];
  for (const a of assessments) results.push(await settle(ev, node, a));
  for (const u of unjudged) results.push({ check: u.check, node, status: "skipped", detail: u.detail });
  if (ev.fix && reading.filesystems) results.push(...(await resolveGone(ev, node, assessments, reading.inodesNote !== undefined)));
  return results;
}

async function settle(ev: EvaluateDeps, node: string, a: Assessment): Promise<CheckResult> {
  const detail = `${a.reading}; ${a.why}`;
  const base = { check: a.check, node, detail };
  if (a.level === "ok") {
    if (!ev.fix) return { ...base, status: "passed" };
    ev.ledger.recordPass(a.check, node, detail);
    const resolved = await ev.alerts.resolve("guardian", a.check, node, `${node}: ${a.reading}`);
    return { ...base, status: "passed", ...(resolved ? { alert: { id: resolved.id, status: resolved.status } } : {}) };
  }
  if (!ev.fix) return { ...base, status: "failed" };
  const entry = ev.ledger.recordFailure(a.check, node, detail);
  if (!a.alertAtOnce && entry.consecutiveFailures < ev.alertAfter) return { ...base, status: "failed" };
  const message = stableMessage(ev.alerts.find("guardian", a.check, node), a.level, `${node}: ${a.reading}`);
  const alert = await ev.alerts.raise({ source: "guardian", check: a.check, node, severity: a.level, message, attempts: 0 });
  return { ...base, status: "failed", alert: { id: alert.id, status: alert.status } };
}

/**
 * A filesystem alert whose mount no longer holds `/`, the home or the dispatch dir (unmounted,
 * the dispatch dir moved) would otherwise stay open forever: the reading settles it. Inode
 * alerts are left alone when this reading had no inode figures at all.
 */
async function resolveGone(ev: EvaluateDeps, node: string, assessed: Assessment[], noInodes: boolean): Promise<CheckResult[]> {
  const current = new Set<string>(assessed.map((a) => a.check));
  const gone = ev.alerts
    .list("open")
    .filter((x) => x.source === "guardian" && x.node === node && isFilesystemCheck(x.check) && !current.has(x.check))
    .filter((x) => !(noInodes && x.check.startsWith("inodes")));
  const out: CheckResult[] = [];
  for (const x of gone) {
    const check = x.check as ResourceCheck;
    const detail = check === "disk" ? "disk use read again" : `${check.replace(":", " ")} is no longer among the filesystems of /, the home or the dispatch dir`;
    ev.ledger.recordPass(check, node, detail);
    const resolved = await ev.alerts.resolve("guardian", check, node, `${node}: ${detail}`);
    out.push({ check, node, status: "passed", detail, ...(resolved ? { alert: { id: resolved.id, status: resolved.status } } : {}) });
  }
  return out;
}

import type { ResourceCheck } from "../../src/resources/types.ts";
import type { CheckName } from "./checks/index.ts";

export type CheckStatus = "passed" | "fixed" | "failed" | "skipped";

/** One line of `oyster check`: a check on a node (or fleet-wide when node is null). */
export interface CheckResult {
  /** A guardian check, the storm, or a node resource (`disk:/`, `inodes:/home`, `memory`). */
  check: CheckName | "storm" | ResourceCheck;
  node: string | null;
  status: CheckStatus;
  detail: string;
  fixAttempts?: { made: number; max: number };
  alert?: { id: string; status: string };
}

export interface GuardianReport {
  startedAt: string;
  durationMs: number;
  fix: boolean;
  nodes: string[];
  /** Nodes failing reachability together when that counted as a storm; null otherwise. */
  storm: string[] | null;
  dispatchNodeChanges: Array<{ name: string; from: string | null; to: string }>;
  results: CheckResult[];
  ok: boolean;
}

export function summarize(report: GuardianReport): string {
  const count = (s: CheckStatus) => report.results.filter((r) => r.status === s).length;
  const storm = report.storm ? `; STORM: ${report.storm.length} nodes unreachable` : "";
  return `${count("passed")} passed, ${count("fixed")} fixed, ${count("failed")} failed, ${count("skipped")} skipped over ${report.nodes.length} node(s)${storm}`;
}

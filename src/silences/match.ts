import type { Alert } from "../alerts/types.ts";
import { endOf, type Silence, type SilenceMatch } from "./types.ts";

/** A node's tags as nodes.json has them now (a node no longer configured has none). */
export type TagsOf = (node: string) => readonly string[];

type Matchable = Pick<Alert, "source" | "check" | "node" | "nodes">;

/** The nodes an alert is about: a grouped alert's list, else its node; none for a fleet-wide one. */
export function alertNodes(a: Pick<Alert, "node" | "nodes">): string[] {
  if (a.nodes.length > 0) return a.nodes;
  return a.node === null ? [] : [a.node];
}

/**
 * `--check` names a check, or a family of them: check names are `:`-separated from the general to
 * the particular (`quota:anthropic:main:5h`), so `quota` and `quota:anthropic` cover what lies
 * beneath them. Whole segments only: `disk` does not cover `disk_io`. A trailing `:` is the same.
 */
export function checkCovers(pattern: string, check: string): boolean {
  const p = pattern.endsWith(":") ? pattern.slice(0, -1) : pattern;
  return check === p || check.startsWith(`${p}:`);
}

/**
 * Whether the silence covers the alert: every field it gives must match. A node or tag silence
 * covers an alert only when every node the alert is about is covered, so a storm that also takes
 * down nodes nobody silenced still goes out; a fleet-wide alert (no node) is never covered by one.
 */
export function silenceCovers(m: SilenceMatch, a: Matchable, tagsOf: TagsOf): boolean {
  const nodes = alertNodes(a);
  if (m.node.length > 0 && (nodes.length === 0 || !nodes.every((n) => m.node.includes(n)))) return false;
  if (m.tag.length > 0 && (nodes.length === 0 || !nodes.every((n) => tagsOf(n).some((t) => m.tag.includes(t))))) return false;
  if (m.check.length > 0 && !m.check.some((c) => checkCovers(c, a.check))) return false;
  if (m.source.length > 0 && !m.source.includes(a.source)) return false;
  return true;
}

/** Of these silences, the one that covers the alert longest (the one to name), if any. */
export function coveringSilence(silences: readonly Silence[], a: Matchable, tagsOf: TagsOf): Silence | undefined {
  let best: Silence | undefined;
  for (const s of silences) {
    if (!silenceCovers(s.match, a, tagsOf)) continue;
    if (!best || endOf(s) > endOf(best)) best = s;
  }
  return best;
}

/** Tags by node from the config as it is when asked (a reloaded nodes.json counts). */
export function tagsFrom(nodes: () => ReadonlyArray<{ name: string; tags?: readonly string[] }>): TagsOf {
  return (node) => nodes().find((n) => n.name === node)?.tags ?? [];
}

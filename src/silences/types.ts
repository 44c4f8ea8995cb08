import type { AlertSource } from "../alerts/types.ts";

/**
 * What a silence covers. Each field given narrows it (an alert must match every one); the values
 * within one field are alternatives (`--node a --node b`: either node). An empty field is not given.
 */
export interface SilenceMatch {
  node: string[];
  tag: string[];
  check: string[];
  source: AlertSource[];
}

/** One silence as state.db keeps it (migration 12), in the shape `silence list --json` prints. */
export interface Silence {
  id: string;
  match: SilenceMatch;
  by: string;
  reason: string | null;
  startsAt: string;
  /** When it runs out on its own (at most 30 d after it started). */
  endsAt: string;
  removedAt: string | null;
  removedBy: string | null;
}

/** When it stopped (or stops) silencing: the earlier of running out and being removed. */
export function endOf(s: Pick<Silence, "endsAt" | "removedAt">): string {
  return s.removedAt !== null && s.removedAt < s.endsAt ? s.removedAt : s.endsAt;
}

export function activeAt(s: Pick<Silence, "startsAt" | "endsAt" | "removedAt">, at: Date): boolean {
  const t = at.toISOString();
  return s.startsAt <= t && t < endOf(s);
}

export const MATCH_FIELDS = ["node", "tag", "check", "source"] as const;

import type { Reading } from "../providers/reading.ts";

/** One node's usable reading of an account. */
export interface NodeReading {
  node: string;
  source: string;
  /** When the agent wrote it (ISO), or null when it does not say. */
  at: string | null;
  windows: Reading[];
  note?: string;
  /** Shown stale whatever its age: a kept reading standing in while its node backs off. */
  stale?: boolean;
}

/** The freshest reading among an account's nodes wins; one without a time loses to any with one. */
export function freshest(readings: readonly NodeReading[]): NodeReading | undefined {
  const time = (r: NodeReading) => (r.at === null ? -Infinity : Date.parse(r.at));
  return [...readings].sort((a, b) => time(b) - time(a) || a.node.localeCompare(b.node))[0];
}

/** A reading older than `monitor.agentStaleHours` (or of no known time) is shown, never acted on. */
export function isStale(at: string | null, now: Date, staleHours: number): boolean {
  return at === null || now.getTime() - Date.parse(at) > staleHours * 3_600_000;
}

import type { Reading } from "../../providers/reading.ts";
import type { QuotaErrorKind } from "../../types.ts";

/**
 * What a source's parser makes of what the node sent: windows, or "unrecognised" with the text
 * that was not understood (the caller cuts and scrubs it); never a guess. A source that calls an
 * endpoint can also get a clear answer that is not a reading (a rejected login, a 429): `problem`,
 * worded for people by the parser (it names the node), with `backoffSeconds` when the node must
 * not call again that soon.
 */
export type Parsed =
  | { windows: Reading[]; note?: string }
  | { unrecognised: string; why: string }
  | { problem: QuotaErrorKind; detail: string; backoffSeconds?: number };

/** What a parser may know besides the data: the node it was read on, for messages that say where to act. */
export interface ParseContext {
  node: string;
}

/** A window read from a plan: used % and reset only (plans show no counts). */
export function planWindow(window: string, minutes: number | null, usedPct: number, resetsAt: string | null): Reading {
  return { window, windowSeconds: minutes === null ? null : minutes * 60, used: null, limit: null, remaining: null, usedPct, resetsAt };
}

/** JSON text of a value for the unrecognised report. */
export function rawOf(value: unknown): string {
  try {
    return typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

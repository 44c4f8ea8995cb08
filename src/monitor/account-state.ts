import { accountKey, type AccountCheck } from "./types.ts";

/**
 * What one check says about an account as a whole, for pausing: exhausted when any window is
 * (with the latest of their resets: the account has room only once all of them have reset), room
 * when every window gave a number under its limit (or has reset since it was read), unknown
 * otherwise (an error, or a stale agent reading, says nothing).
 */
export type AccountState = { state: "exhausted"; reason: string; resetsAt: string | null } | { state: "room" } | { state: "unknown" };

export function accountStates(checks: readonly AccountCheck[]): Map<string, AccountState> {
  const out = new Map<string, AccountState>();
  for (const c of checks) {
    const name = accountKey(c.provider, c.account);
    // A stale agent reading is shown, never acted on: no pause, no resume.
    if (c.windows.some((w) => w.stale)) {
      out.set(name, { state: "unknown" });
      continue;
    }
    const exhausted = c.windows.filter((w) => w.status === "exhausted");
    if (exhausted.length > 0) {
      const resets = exhausted.map((w) => w.resetsAt).filter((r): r is string => r !== null).sort();
      const windows = exhausted.map((w) => w.window).join(", ");
      out.set(name, { state: "exhausted", reason: `${name} exhausted (${windows})`, resetsAt: resets.at(-1) ?? null });
    } else if (c.windows.length > 0 && c.windows.every((w) => w.status === "ok" || w.status === "low")) {
      out.set(name, { state: "room" });
    } else {
      out.set(name, { state: "unknown" });
    }
  }
  return out;
}

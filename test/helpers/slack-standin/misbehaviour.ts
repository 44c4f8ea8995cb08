// Which Web API calls misbehave, and how many more times. One active misbehaviour at a time keeps
// tests readable: each test says exactly what goes wrong next.
import type { Misbehaviour } from "./types.ts";

export class MisbehaviourPlan {
  private current: (Misbehaviour & { left: number }) | undefined;

  set(m: Misbehaviour): void {
    this.current = { ...m, left: m.times ?? Number.POSITIVE_INFINITY };
  }

  clear(): void {
    this.current = undefined;
  }

  /** The misbehaviour for this call, consuming one use; undefined means answer normally. */
  take(method: string): Misbehaviour | undefined {
    const m = this.current;
    if (m === undefined || m.kind === "ok") return undefined;
    if (m.methods !== undefined && !m.methods.includes(method)) return undefined;
    if (m.left <= 0) return undefined;
    m.left -= 1;
    return m;
  }
}

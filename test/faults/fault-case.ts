// One row of the fault table: a fault class, what is broken, and what must hold afterwards. The
// test body proves it against the real rig, stand-ins and SQLite files; the table reporter
// (table-reporter.mjs) reads the rows back from the test runner's own results, so a row says
// "pass" only when its test passed.
import { it, type TestContext } from "node:test";

/** `npm run test:faults` sets this: every case runs. `npm test` runs the quick ones only. */
export const FULL_SUITE = process.env.OYSTER_FAULTS === "all";

export type FaultClass = "nodes" | "controller" | "delivery" | "providers" | "input" | "config" | "clock";

export interface FaultCase {
  /** What is broken, as an operator would say it: "node hung while a kept connection is open". */
  broken: string;
  /** What must hold after: "one timeout, reported as not answering; other nodes answer". */
  holds: string;
  /** Fits the few minutes `npm test` gives the suite's subset. */
  quick?: boolean;
  timeoutMs?: number;
}

/** The test's name carries the row: `[class] broken :: holds` (parsed by the table reporter). */
export function faultName(cls: FaultClass, c: Pick<FaultCase, "broken" | "holds">): string {
  return `[${cls}] ${c.broken} :: ${c.holds}`;
}

export function fault(cls: FaultClass, c: FaultCase, fn: (t: TestContext) => Promise<void> | void): void {
  const name = faultName(cls, c);
  if (!c.quick && !FULL_SUITE) {
    it(name, { skip: "in the full fault suite only: npm run test:faults" }, fn);
    return;
  }
  it(name, { timeout: c.timeoutMs ?? 240_000 }, fn);
}

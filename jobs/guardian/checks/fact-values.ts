import type { CheckContext } from "./types.ts";

export interface Fact {
  name: string;
  command: string;
  expect: string;
}

// One reading of every fact on every node that is up, shared by that run's per-node checks.
const perRun = new WeakMap<CheckContext, Promise<Map<string, Map<string, string>>>>();

async function readAll(ctx: CheckContext, facts: readonly Fact[]): Promise<Map<string, Map<string, string>>> {
  const up = ctx.nodes.filter((n) => ctx.reach.get(n)?.state === "up");
  const values = new Map<string, Map<string, string>>(facts.map((f) => [f.name, new Map()]));
  await ctx.ssh.forEach(up, async (t) => {
    for (const fact of facts) {
      // The command comes from oyster.json (the operator's own), never from chat or CLI input.
      const r = await ctx.ssh.exec(t.name, fact.command);
      const value = r.code === 0 ? r.stdout.trim() : `(exit ${r.code}) ${r.stderr.trim()}`;
      values.get(fact.name)?.set(t.name, value);
    }
  });
  return values;
}

export function factValues(ctx: CheckContext, facts: readonly Fact[]): Promise<Map<string, Map<string, string>>> {
  let pending = perRun.get(ctx);
  if (!pending) {
    pending = readAll(ctx, facts);
    perRun.set(ctx, pending);
  }
  return pending;
}

/** The value a node should print: the given one, or for "same" the fleet's most common value. */
export function expectedValue(fact: Fact, values: Map<string, string>, nodeOrder: readonly string[]): string | undefined {
  if (fact.expect !== "same") return fact.expect;
  const counts = new Map<string, number>();
  for (const n of nodeOrder) {
    const v = values.get(n);
    if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  // Ties go to the value seen first in config order, so the answer is stable run to run.
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

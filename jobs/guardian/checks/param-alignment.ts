import { existsSync } from "node:fs";
import { join } from "node:path";
import { OysterError } from "../../../src/errors.ts";
import { sha256File } from "../../../src/files/sha256.ts";
import { uploadFileWithin } from "../../../src/ssh/index.ts";
import { expectedValue, factValues } from "./fact-values.ts";
import type { CheckContext, Detection, NodeCheck } from "./types.ts";

const quote = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);

async function driftedFiles(ctx: CheckContext, node: string): Promise<{ differ: string[]; local: Map<string, string> }> {
  const dir = ctx.config.oyster.dispatch.dir;
  const local = new Map<string, string>();
  if (!existsSync(dir)) return { differ: [], local };
  for (const f of ctx.config.oyster.guardian.params.files) {
    const path = join(dir, f);
    if (existsSync(path)) local.set(f, sha256File(path));
  }
  const remote = local.size ? await ctx.hashes.of(node) : new Map<string, string>();
  return { differ: [...local].filter(([f, h]) => remote.get(f) !== h).map(([f]) => f), local };
}

async function driftedFacts(ctx: CheckContext, node: string): Promise<string[]> {
  const facts = ctx.config.oyster.guardian.params.facts;
  if (facts.length === 0) return [];
  const values = await factValues(ctx, facts);
  const drift: string[] = [];
  for (const fact of facts) {
    const mine = values.get(fact.name)?.get(node);
    const want = expectedValue(fact, values.get(fact.name) ?? new Map(), ctx.nodes);
    if (mine !== want) drift.push(`fact ${fact.name}: node says ${quote(mine ?? "(nothing)")}, ${fact.expect === "same" ? "fleet says" : "expected"} ${quote(want ?? "(nothing)")}`);
  }
  return drift;
}

/**
 * Files every node must hold byte for byte as the controller's dispatch dir (fixed by pushing),
 * and facts read on each node that must equal a value or agree across the fleet (reported only:
 * there is no safe automatic fix for, say, a different Python).
 */
export const paramAlignment: NodeCheck = {
  name: "param_alignment",
  scope: "node",
  needsUp: true,
  async detect(ctx, node): Promise<Detection> {
    const { differ, local } = await driftedFiles(ctx, node);
    const facts = await driftedFacts(ctx, node);
    if (local.size === 0 && ctx.config.oyster.guardian.params.facts.length === 0) {
      return { skip: "not configured: no param files in dispatch.dir and no facts" };
    }
    if (differ.length === 0 && facts.length === 0) return { ok: true, detail: `${local.size} file(s) and ${ctx.config.oyster.guardian.params.facts.length} fact(s) aligned` };
    const detail = [...differ.map((f) => `${f} differs`), ...facts].join("; ");
    if (differ.length === 0) return { ok: false, severity: "warning", detail, noFix: "facts drift is reported, not fixed" };
    return {
      ok: false,
      severity: "warning",
      detail,
      fix: async () => {
        const dir = ctx.config.oyster.dispatch.dir;
        const target = ctx.ssh.target(node);
        for (const f of differ) await uploadFileWithin(ctx.ssh, node, join(dir, f), target.dispatchDir, f, ctx.config.oyster.ssh.commandTimeoutMs);
        ctx.hashes.forget(node);
        const after = await ctx.hashes.of(node);
        const still = differ.filter((f) => after.get(f) !== local.get(f));
        if (still.length) throw new OysterError("CommandFailed", `${node}: pushed but still differs: ${still.join(", ")}`, { node });
        const pushed = `pushed ${differ.join(", ")}, verified`;
        if (facts.length) throw new OysterError("CommandFailed", `${pushed}; still drifting: ${facts.join("; ")}`, { node });
        return pushed;
      },
    };
  },
};

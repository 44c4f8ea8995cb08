import type { CommandContext } from "../command/types.ts";
import type { Config } from "../config/index.ts";
import { agentTargets } from "../monitor/agents/agent-targets.ts";
import { HOOK_FILE, HOOK_PY } from "./claude-statusline-hook-py.ts";
import { sha256 } from "./decide.ts";
import { installHooksOn, type DirTarget } from "./install-node.ts";
import type { HooksReport, NodeHooks } from "./types.ts";

export type HooksContext = Pick<CommandContext, "config" | "ssh">;

export const NO_ACCOUNT = "no claude statusline account maps to this node";

/**
 * Per node, the agent dirs that need the hook: every `monitor.agents` account with provider
 * `claude` and source `statusline` mapped to it (by name, tag, or every node), `{node}` replaced.
 * Two accounts sharing one dir on a node share one hook there.
 */
export function hookTargets(config: Config): Map<string, DirTarget[]> {
  const out = new Map<string, DirTarget[]>();
  for (const [node, requests] of agentTargets(config)) {
    const byDir = new Map<string, string[]>();
    for (const r of requests) {
      if (r.provider !== "claude" || r.source !== "statusline") continue;
      byDir.set(r.dir, [...(byDir.get(r.dir) ?? []), r.key]);
    }
    if (byDir.size > 0) out.set(node, [...byDir].map(([dir, accounts]) => ({ dir, accounts })));
  }
  return out;
}

/**
 * Installs (or, dry, shows) the Claude status-line hook on each node, in parallel through the
 * pool: a down or hung node is reported failed and never holds up the others. A node no such
 * account maps to is skipped without connecting to it.
 */
export async function installAgentHooks(ctx: HooksContext, opts: { nodes: readonly string[]; dryRun: boolean }): Promise<HooksReport> {
  const targets = hookTargets(ctx.config);
  const skipped = new Map<string, NodeHooks>(
    opts.nodes.filter((n) => !targets.has(n)).map((n) => [n, { node: n, status: "skipped", dirs: [], message: NO_ACCOUNT }]),
  );
  const outcomes = await ctx.ssh.forEach(opts.nodes.filter((n) => targets.has(n)), (t) => installHooksOn(ctx.ssh, t.name, targets.get(t.name)!, HOOK_PY, opts.dryRun));
  const done = new Map<string, NodeHooks>(
    outcomes.map((o) => [o.node, o.ok ? o.value : { node: o.node, status: "failed", dirs: [], error: { code: o.error.code, message: o.error.message } }]),
  );
  const nodes = opts.nodes.map((n) => skipped.get(n) ?? done.get(n)!);
  return { dryRun: opts.dryRun, ok: nodes.every((n) => n.status !== "failed"), hook: { file: HOOK_FILE, sha256: sha256(HOOK_PY) }, nodes };
}

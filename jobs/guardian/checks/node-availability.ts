import type { NodeCheck } from "./types.ts";

/**
 * The node answers at all. A node that does not is this check's incident alone (the other node
 * checks skip it); dispatch is told it is offline by the guardian run, not by a "fix".
 */
export const nodeAvailability: NodeCheck = {
  name: "node_availability",
  scope: "node",
  needsUp: false,
  async detect(ctx, node) {
    const r = ctx.reach.get(node);
    if (!r) return { skip: "not probed" };
    if (r.state === "up") return { ok: true, detail: `answers in ${r.latencyMs} ms` };
    if (r.state === "ssh-broken") return { ok: true, detail: "answers on TCP (SSH trouble is ssh_connection's)" };
    return { ok: false, severity: "critical", detail: `does not answer: ${r.error.message}`, noFix: "no safe automatic fix for a node that does not answer" };
  },
};

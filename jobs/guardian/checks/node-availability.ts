import { isDown, describeState } from "../../../src/units/status-show.ts";
import { unitAlertActions } from "../alert-actions.ts";
import { restartServices } from "../restart-services.ts";
import { journalNote } from "../unit-journal.ts";
import { whileDraining } from "./draining.ts";
import type { CheckContext, Detection, NodeCheck } from "./types.ts";

/**
 * The node answers, and the units it lists in `services` run: both read in the probe's one round
 * trip. A node that does not answer is this check's incident alone (the other node checks skip
 * it); dispatch is told it is offline by the guardian run, not by a "fix". A unit that is failed,
 * stopped or crash-looping is an incident of its node, fixed by restarting it under the same
 * fix-attempt budget as every other fix. On a drained node neither is alerted (draining.ts).
 */
export const nodeAvailability: NodeCheck = {
  name: "node_availability",
  scope: "node",
  needsUp: false,
  async detect(ctx, node): Promise<Detection> {
    return whileDraining(ctx, node, await detectAvailability(ctx, node));
  },
};

async function detectAvailability(ctx: CheckContext, node: string): Promise<Detection> {
  const r = ctx.reach.get(node);
  if (!r) return { skip: "not probed" };
  if (r.state === "ssh-broken") return { ok: true, detail: "answers on TCP (SSH trouble is ssh_connection's)" };
  if (r.state !== "up") return { ok: false, severity: "critical", detail: `does not answer: ${r.error.message}`, noFix: "no safe automatic fix for a node that does not answer" };
  const answers = `answers in ${r.latencyMs} ms`;
  if (!r.units) return { ok: true, detail: answers };
  if (!r.units.ok) {
    return { ok: false, severity: "warning", detail: `${answers}, but its services' states could not be read: ${r.units.error}`, noFix: "check systemd on the node" };
  }
  const down = r.units.units.filter(isDown);
  if (down.length === 0) return { ok: true, detail: `${answers}; services active: ${r.units.units.map((u) => u.unit).join(", ")}` };
  // Only a failing node pays for the journal read: a healthy run stays at one round trip.
  const notes = await Promise.all(down.map((u) => journalNote(ctx.ssh, node, u.unit, ctx.secrets)));
  return {
    ok: false,
    severity: "critical",
    detail: `services not running: ${down.map((u, i) => `${u.unit} ${describeState(u)} (${notes[i]})`).join(", ")}`,
    fix: () => restartServices(ctx.ssh, node, down),
    actions: down.flatMap((u) => unitAlertActions(ctx.config, node, u.unit)),
  };
}

import type { CheckContext, Detection } from "./types.ts";

/**
 * A node an operator drained is out of rotation on purpose, often to be stopped, rebooted or have
 * its units stopped: that it does not answer, or its services do not run, is expected. Such a
 * finding is reported (skipped, saying what was seen) but never alerted, counted or "fixed"
 * (restarting a unit someone stopped for maintenance would fight them). A changed or revoked host
 * key is not unavailability: it is still a security alert.
 */
export function whileDraining(ctx: CheckContext, node: string, d: Detection): Detection {
  if (!ctx.draining?.has(node) || !("ok" in d) || d.ok) return d;
  return { skip: `draining: ${d.detail}; not alerted while it drains` };
}

import { whileDraining } from "./draining.ts";
import type { Detection, NodeCheck } from "./types.ts";

/**
 * Handshake, auth and a round trip. TCP answering but SSH not is this check's case; it tells a
 * changed host key (a security alert, raised at once, never "fixed"), an unknown host key,
 * failed auth and a slow handshake apart. Fix for the rest: drop the connection and re-dial.
 */
export const sshConnection: NodeCheck = {
  name: "ssh_connection",
  scope: "node",
  needsUp: false,
  async detect(ctx, node): Promise<Detection> {
    const r = ctx.reach.get(node);
    if (!r) return { skip: "not probed" };
    if (r.state === "up") return { ok: true, detail: `round trip in ${r.latencyMs} ms` };
    if (r.state === "down") return { skip: "node unreachable" };
    const e = r.error;
    switch (e.code) {
      case "HostKeyMismatch":
        return { ok: false, severity: "critical", alertNow: true, detail: e.message, noFix: "a changed host key is never accepted automatically: check the node, then update known_hosts" };
      case "HostKeyRevoked":
        return { ok: false, severity: "critical", alertNow: true, detail: e.message, noFix: "a revoked host key is never used: the node must get a new key, then known_hosts an entry for it" };
      case "HostKeyUnknown":
        return { ok: false, severity: "warning", detail: e.message, noFix: "add the node's key to known_hosts after checking its fingerprint" };
      default: {
        // A drained node may be down for maintenance: not alerted (a host key problem above still is).
        if (ctx.draining?.has(node)) return whileDraining(ctx, node, { ok: false, severity: "warning", detail: `${e.code}: ${e.message}` });
        const what = e.code === "SshAuthFailed" ? "authentication failed" : e.code === "SshTimeout" ? "slow handshake" : "SSH failed";
        // The node's time for this run is spent: dropping and re-dialling would only wait out the
        // same timeout again. The next run's probe dials afresh, which is that fix.
        if (r.spent) {
          return { ok: false, severity: "warning", detail: `${what}: ${e.message}`, deferred: "not dialled again this run (its time is spent); the next run dials afresh" };
        }
        return {
          ok: false,
          severity: "warning",
          detail: `${what}: ${e.message}`,
          fix: async () => {
            ctx.ssh.drop(node);
            const started = performance.now();
            await ctx.ssh.exec(node, "true");
            const latencyMs = Math.round(performance.now() - started);
            ctx.reach.set(node, { node, state: "up", latencyMs });
            return `re-dialled; round trip in ${latencyMs} ms`;
          },
        };
      }
    }
  },
};

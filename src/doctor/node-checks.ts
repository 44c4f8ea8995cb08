import type { OysterError } from "../errors.ts";
import { appendHostKeyCommand, presentedKeyOf, removeHostCommand } from "../ssh/host-key-advice.ts";
import type { SshPool } from "../ssh/index.ts";
import { line, firstLine, say } from "./line.ts";
import type { DoctorLine } from "./types.ts";

/**
 * What doctor runs on each node, in its one exec: harmless under systemd (prints the version),
 * and what every restart needs, `sudo -n` (never a prompt) reaching systemctl.
 */
export const NODE_PROBE = "sudo -n systemctl --version";

/** The longest the probe may take once connected; the dial has the pool's own connect timeout. */
export const PROBE_TIMEOUT_MS = 10_000;

export interface NodeCheckOptions {
  knownHostsFile: string;
}

/** sudo said no (a password, or a rule that does not cover systemctl), as sudo itself words it. */
const SUDO_REFUSED = /password is required|terminal is required|askpass|not allowed to execute|not in the sudoers|may not run sudo/i;
const NO_SUDO = /sudo: (command )?not found|sudo: No such file/i;
const NO_SYSTEMCTL = /systemctl: (command )?not found|systemctl: No such file/i;

/** The probe's answer: sudo refused, missing, or it ran systemctl (whatever systemctl then said). */
export function judgeProbe(node: string, user: string, r: { code: number | null; stderr: string }, latencyMs: number): DoctorLine {
  const err = firstLine(r.stderr);
  if (r.code === 0) return line("nodes", node, "ok", say("doctor.node.ok", { ms: latencyMs }));
  if (NO_SUDO.test(r.stderr) || (r.code === 127 && !NO_SYSTEMCTL.test(r.stderr))) {
    return line("nodes", node, "fail", say("doctor.node.noSudo", { error: err }), say("doctor.node.noSudoFix"));
  }
  if (SUDO_REFUSED.test(r.stderr)) {
    return line("nodes", node, "fail", say("doctor.node.sudoRefused", { error: err }), say("doctor.node.sudoFix", { user }));
  }
  if (NO_SYSTEMCTL.test(r.stderr)) return line("nodes", node, "fail", say("doctor.node.noSystemctl", { error: err }), say("doctor.node.noSystemctlFix"));
  // sudo let it run; systemctl answered something other than its version (an old or odd build).
  return line("nodes", node, "ok", say("doctor.node.okExit", { ms: latencyMs, code: r.code ?? "signal" }));
}

/** A node that could not be reached or logged into: what is wrong and the fix, by the error's code. */
export function judgeSshError(node: string, user: string, e: OysterError, opts: NodeCheckOptions): DoctorLine {
  // The pool's messages start with the node's name, which the line already shows.
  const err = firstLine(e.message.startsWith(`${node}: `) ? e.message.slice(node.length + 2) : e.message, 300);
  const key = presentedKeyOf(e.details);
  switch (e.code) {
    case "HostKeyUnknown":
      return key
        ? line("nodes", node, "fail", say("doctor.node.hostKeyUnknown", { fingerprint: key.fingerprint, file: opts.knownHostsFile }), say("doctor.node.hostKeyUnknownFix", { fingerprint: key.fingerprint, command: appendHostKeyCommand(key, opts.knownHostsFile) }))
        : line("nodes", node, "fail", say("doctor.node.error", { error: err }), say("doctor.node.hostKeyPlainFix", { node }));
    case "HostKeyMismatch":
      return key
        ? line("nodes", node, "fail", say("doctor.node.hostKeyChanged", { fingerprint: key.fingerprint, file: opts.knownHostsFile }), say("doctor.node.hostKeyChangedFix", { fingerprint: key.fingerprint, command: `${removeHostCommand(key.token, opts.knownHostsFile)} && ${appendHostKeyCommand(key, opts.knownHostsFile)}` }))
        : line("nodes", node, "fail", say("doctor.node.error", { error: err }), say("doctor.node.hostKeyPlainFix", { node }));
    case "HostKeyRevoked":
      return line("nodes", node, "fail", say("doctor.node.error", { error: err }), say("doctor.node.hostKeyRevokedFix"));
    case "SshAuthFailed":
      // No key was offered at all (none found, no agent), or the node refused the one offered.
      return line("nodes", node, "fail", say("doctor.node.error", { error: err }), e.details.user === undefined ? say("doctor.node.noKeyFix") : say("doctor.node.authFix", { user }));
    case "SshUnreachable":
      return line("nodes", node, "fail", say("doctor.node.error", { error: err }), say("doctor.node.unreachableFix", { node }));
    case "SshTimeout":
      return line("nodes", node, "fail", say("doctor.node.error", { error: err }), say("doctor.node.timeoutFix", { node }));
    default:
      return line("nodes", node, "fail", say("doctor.node.error", { error: `${e.code}: ${err}` }), say("doctor.node.unreachableFix", { node }));
  }
}

/**
 * Each node in one exec over the pool (its connect timeout, `ssh.concurrency` at a time): reached,
 * host key known, logged in, and `sudo -n systemctl` allowed. A stopped node costs one failed
 * connect, a hung one one connect timeout; neither holds up the others.
 */
export async function nodeChecks(ssh: SshPool, names: readonly string[], opts: NodeCheckOptions): Promise<DoctorLine[]> {
  if (names.length === 0) return [line("nodes", "nodes.json", "warn", say("doctor.node.none"), say("doctor.node.noneFix"))];
  const outcomes = await ssh.forEach(names, async (t) => {
    const started = performance.now();
    const r = await ssh.exec(t.name, NODE_PROBE, { timeoutMs: PROBE_TIMEOUT_MS, maxOutputBytes: 4096 });
    return judgeProbe(t.name, t.user, r, Math.round(performance.now() - started));
  });
  return outcomes.map((o) => (o.ok ? o.value : judgeSshError(o.node, ssh.target(o.node).user, o.error, opts)));
}

import { OysterError, toOysterError } from "../../src/errors.ts";
import { readResources } from "../../src/resources/read-resources.ts";
import { resourcesCommand } from "../../src/resources/remote-command.ts";
import { sectionCommand, splitSections } from "../../src/resources/sections.ts";
import type { ResourceReading } from "../../src/resources/types.ts";
import type { SshPool } from "../../src/ssh/index.ts";
import { HEALTH_PROPERTIES, showCommand, unitStatuses, type UnitStatus } from "../../src/units/status-show.ts";

/**
 * How a node answered: `up` (a round trip over SSH), `down` (nothing answers at TCP level: the
 * node_availability check's case), or `ssh-broken` (TCP answers, SSH does not: auth, host key,
 * handshake; the ssh_connection check's case).
 */
export type Reachability =
  | { node: string; state: "up"; latencyMs: number; units?: UnitsReading; resources?: ResourceReading }
  /** `spent`: the node timed out in this run (or just before it): nothing dials it again this run. */
  | { node: string; state: "down" | "ssh-broken"; error: OysterError; spent?: true };

/** The node's listed services as read in the probe; absent when it lists none (or nobody asked). */
export type UnitsReading = { ok: true; units: UnitStatus[] } | { ok: false; error: string };

/** Which units to read on a node in the probe (its `services`; none when node_availability is off). */
export type ServicesOf = (node: string) => readonly string[];

const SHOW_OUTPUT_BYTES = 64 * 1024;

/**
 * `true`, or for a node with services one `systemctl show` of them: the answer proves the node
 * answers *and* says whether its units run, in the same round trip.
 */
export function probeCommand(services: readonly string[]): string {
  return services.length ? showCommand(services, HEALTH_PROPERTIES) : "true";
}

/** systemctl's answer as unit states, or why it could not be read (the node still answered). */
export function readUnits(services: readonly string[], r: { code: number | null; signal?: string; stdout: string; stderr: string }): UnitsReading {
  const units = r.code === 0 ? unitStatuses(services, r.stdout) : null;
  if (units) return { ok: true, units };
  const said = (r.stderr.trim() || r.stdout.trim()).split("\n").slice(0, 3).join(" | ") || "no output";
  return { ok: false, error: `systemctl show exited ${r.code ?? r.signal ?? "?"}: ${said}` };
}

/**
 * The probe's one command: `probeCommand` alone as before, or with the node's resources read in
 * the same exec (each part marked, so systemctl's answer and status are still its own).
 */
export function roundTripCommand(services: readonly string[], dispatchDir: string | null): string {
  if (dispatchDir === null) return probeCommand(services);
  const units = services.length ? [sectionCommand("units", probeCommand(services))] : [];
  // `exit 0`: the node answered; how each part fared is in its marker, not in the exec's status.
  return [...units, resourcesCommand(dispatchDir), "exit 0"].join("; ");
}

export function classify(node: string, err: unknown): Reachability {
  const e = toOysterError(err);
  const tcpConnected = e.details.tcpConnected === true;
  const down = (e.code === "SshUnreachable" || e.code === "SshTimeout") && !tcpConnected;
  return { node, state: down ? "down" : "ssh-broken", error: e, ...(e.code === "SshTimeout" ? { spent: true as const } : {}) };
}

/**
 * One round trip per node (`true`, or `systemctl show` of its services; with `withResources`,
 * its disks and memory too), all nodes in parallel (bounded by ssh.concurrency), given as long as
 * a connection may take: none of it has anything to wait for.
 */
export async function probeNodes(ssh: SshPool, nodes: readonly string[], timeoutMs: number, servicesOf: ServicesOf = () => [], withResources = false): Promise<Map<string, Reachability>> {
  const roundTrip = async (node: string): Promise<{ latencyMs: number; units?: UnitsReading; resources?: ResourceReading }> => {
    const services = servicesOf(node);
    const started = performance.now();
    // `probe`: dialled even while requests leave the node alone after a timeout; this answer is
    // what tells them the node is back (or keeps them off it while it is not).
    const r = await ssh.exec(node, roundTripCommand(services, withResources ? ssh.target(node).dispatchDir : null), { timeoutMs, maxOutputBytes: SHOW_OUTPUT_BYTES, probe: true });
    const latencyMs = Math.round(performance.now() - started);
    const sections = withResources ? splitSections(r.stdout) : null;
    const resources = sections ? { resources: readResources(sections) } : {};
    if (!services.length) {
      if (r.code !== 0) throw new Error(`${withResources ? "the probe" : "true"} exited ${r.code}`);
      return { latencyMs, ...resources };
    }
    const shown = sections ? sections.get("units") : undefined;
    const units = sections ? { code: shown?.code ?? r.code, signal: r.signal, stdout: shown?.body ?? "", stderr: r.stderr } : r;
    return { latencyMs, units: readUnits(services, units), ...resources };
  };
  const outcomes = await ssh.forEach(nodes, async (t) => {
    try {
      return await roundTrip(t.name);
    } catch (err) {
      // A kept connection that stalls has used this node's time for the run: one timeout per
      // node per run, so it is reported, not dialled again (the pool dropped it; the next run
      // dials afresh). TCP was up and SSH went silent, which is ssh_connection's case, as for a
      // fresh dial to a hung sshd.
      const e = toOysterError(err);
      if (e.details.phase !== "command") throw e;
      throw new OysterError("SshTimeout", `${t.name}: the kept connection stalled: no answer within ${timeoutMs} ms; not dialled again this run`, { ...e.details, tcpConnected: true, stalled: true });
    }
  });
  return new Map(
    outcomes.map((o): [string, Reachability] => [o.node, o.ok ? { node: o.node, state: "up", ...o.value } : classify(o.node, o.error)]),
  );
}

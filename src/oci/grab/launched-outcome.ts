import { isIP } from "node:net";
import type { GrabInstance, GrabOutcome } from "./grab-store.ts";
import type { GrabJoinReport } from "./types.ts";

/**
 * How a grab that launched ends, in words. "No public IP" is said only when OCI's VNIC says so;
 * a lookup that got no answer is "not read", with why, so nobody goes looking for an address
 * that is there, or believes the instance unreachable.
 */
export function addressPhrase(i: GrabInstance): string {
  // A stored address is checked again: a grab saved before addresses were checked may hold anything.
  if (i.publicIp) return isIP(i.publicIp) !== 0 ? `public IP ${i.publicIp}` : "public IP not an IP address (not used)";
  if (i.lifecycleState !== "RUNNING") return `still ${i.lifecycleState}`;
  const privateIp = i.privateIp ? `, private IP ${i.privateIp}` : "";
  if (i.noPublicIp?.kind === "none") return `no public IP (${i.noPublicIp.reason})${privateIp}`;
  return `public IP not read${i.noPublicIp ? ` (${i.noPublicIp.reason})` : ""}${privateIp}`;
}

export function launchedMessage(i: GrabInstance): string {
  return `launched ${i.id} in ${i.availabilityDomain} (${i.shape}, ${i.ocpus} OCPUs, ${i.memoryGb} GB), ${addressPhrase(i)}`;
}

/** What to do by hand once the address is known: joinFleet's own first step, as an entry of nodes.json. */
function nodesAdd(name: string, i: GrabInstance): string {
  return `add {"name": "${name}", "host": "<public IP>", "user": "${i.user ?? "opc"}"} to nodes.json (and its host key to known_hosts)`;
}

/** `onSuccess.joinFleet` asked, but joining needs a RUNNING instance with a public IP: why not, as a step. */
export function joinSkipped(i: GrabInstance, name: string): GrabJoinReport {
  const step =
    i.lifecycleState !== "RUNNING"
      ? { step: "RUNNING", detail: `the instance was still ${i.lifecycleState} when the wait for RUNNING ended; once it runs: ${nodesAdd(name, i)}` }
      : i.noPublicIp?.kind === "none"
        ? { step: "public IP", detail: `joinFleet needs a public IP, and ${i.noPublicIp.reason}` }
        : { step: "public IP", detail: `joinFleet needs the public IP, which could not be read; once you have it: ${nodesAdd(name, i)}` };
  return { ok: false, steps: [{ ...step, status: "skipped" }] };
}

export interface LaunchedEnd {
  outcome: GrabOutcome;
  /** For the `grab_address_unread` warning: set when the address could not be read. */
  alert?: string;
}

/**
 * The outcome of a grab whose instance launched. An address that could not be read is a warning
 * in the alert book as well as in the announcement: a person has to find it (and, with joinFleet,
 * add the node), and the announcement alone is a message that scrolls away.
 */
export function launchedOutcome(grabId: number, i: GrabInstance, o: { joinFleet: boolean; name: string; join?: GrabJoinReport }): LaunchedEnd {
  const join = o.join ?? (o.joinFleet ? joinSkipped(i, o.name) : undefined);
  const notJoined = join && !o.join ? "; not joined to the fleet" : "";
  const outcome: GrabOutcome = { kind: "launched", message: `${launchedMessage(i)}${notJoined}`, ...(join ? { join } : {}) };
  if (i.lifecycleState !== "RUNNING" || i.noPublicIp?.kind !== "unread") return { outcome };
  const then = o.joinFleet ? `; it did not join the fleet: once you have the IP, ${nodesAdd(o.name, i)}` : "";
  return {
    outcome,
    alert: `OCI grab #${grabId}: launched ${i.id} ("${o.name}") but could not read its public IP: ${i.noPublicIp.reason}. The OCI console shows it (the instance's attached VNICs)${then}`,
  };
}

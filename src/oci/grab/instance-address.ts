import { isIP } from "node:net";
import type { OciClient } from "../client.ts";
import type { OciFailure, OciVnicAttachment } from "../types.ts";
import type { GrabInstance } from "./grab-store.ts";

/**
 * The addresses of a RUNNING instance: ListVnicAttachments, then GetVnic. Both calls answer 429
 * and 5xx like any OCI call, and right after RUNNING the attachment may still be ATTACHING; none
 * of that says anything about the instance's address, so those are asked again with backoff.
 * Only a VNIC read OK is an answer ("no public IP" included); a 4xx other than 429 is a refusal
 * that asking again will not change.
 */

/** Doubling from 2 s to at most a minute: a throttled account gets room, a blip costs seconds. */
export const LOOKUP_FIRST_DELAY_MS = 2_000;
export const LOOKUP_MAX_DELAY_MS = 60_000;

export interface AddressLookupDeps {
  client: Pick<OciClient, "listVnicAttachments" | "getVnic">;
  compartmentId: string;
  now: () => Date;
  /** Waits `ms`, or less when `signal` aborts or a stop is requested; never rejects. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  signal: AbortSignal;
  /** A stop request (from state.db): looked at before every try, like the abort signal. */
  stopped?: () => boolean;
  /** After each failed try that will be tried again: what went wrong, for progress and the log. */
  onRetry?(what: string, throttled: boolean, retryInMs: number): Promise<void> | void;
}

export type AddressLookup =
  | { kind: "read"; publicIp?: string; privateIp?: string }
  /** No answer within the budget, or a refusal: `reason` says which, for the outcome and the alert. */
  | { kind: "unread"; reason: string }
  | { kind: "stopped" };

type Try = { done: AddressLookup } | { again: string; throttled: boolean };

function detailOf(f: OciFailure): string {
  return f.kind === "http" ? [`HTTP ${f.status}`, f.code].filter(Boolean).join(" ") : f.message;
}

function failed(call: string, f: OciFailure): Try {
  // Worded to follow "address lookup ..." and precede "for 20 min".
  if (f.kind === "http" && f.status === 429) return { again: `throttled (${call}: ${detailOf(f)})`, throttled: true };
  if (f.kind === "http" && f.status >= 400 && f.status < 500) {
    const words = f.message ? `: ${f.message}` : "";
    return { done: { kind: "unread", reason: `${call} answered ${detailOf(f)}${words}${f.opcRequestId ? ` (opc-request-id ${f.opcRequestId})` : ""}` } };
  }
  if (f.kind === "network" || f.kind === "timeout") return { again: `getting no answer (${call}: ${f.message})`, throttled: false };
  return { again: `failing (${call}: ${detailOf(f)})`, throttled: false };
}

/** The attachment whose VNIC holds the address: one that is ATTACHED (before that it may have no vnicId). */
function attachedVnic(list: OciVnicAttachment[]): string | undefined {
  return list.find((a) => a.lifecycleState === "ATTACHED" && a.vnicId)?.vnicId;
}

async function tryOnce(d: AddressLookupDeps, instanceId: string): Promise<Try> {
  const listed = await d.client.listVnicAttachments(d.compartmentId, instanceId);
  if (!listed.ok) return failed("ListVnicAttachments", listed.error);
  const vnicId = attachedVnic(listed.value);
  if (!vnicId) {
    const states = listed.value.map((a) => a.lifecycleState).join(", ");
    return { again: states ? `waiting on the VNIC attachment (${states}, not yet ATTACHED)` : "finding no VNIC attachment", throttled: false };
  }
  const vnic = await d.client.getVnic(vnicId);
  if (!vnic.ok) return failed("GetVnic", vnic.error);
  return { done: checkedAddresses(vnic.value.publicIp, vnic.value.privateIp) };
}

/**
 * The addresses go into nodes.json, `ssh` commands and messages, so each must parse as an IP
 * address. A publicIp that does not is "unread" with a reason (asking again would get the same
 * answer), never used; the value itself is not echoed. A malformed privateIp (shown only) is left out.
 */
export function checkedAddresses(publicIp: string | undefined, privateIp: string | undefined): AddressLookup {
  const privateOk = privateIp && isIP(privateIp) !== 0 ? { privateIp } : {};
  if (publicIp && isIP(publicIp) === 0) {
    return { kind: "unread", reason: `GetVnic answered a publicIp that is not an IP address (${publicIp.length} characters): not used` };
  }
  return { kind: "read", ...(publicIp ? { publicIp } : {}), ...privateOk };
}

function duration(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

/**
 * Reads the instance's addresses, asking again until `deadlineMs` (the RUNNING wait's budget).
 * The first try is always made, even when the budget is spent: the wait for RUNNING may have
 * used all of it, and one answer is worth more than none.
 */
export async function lookupAddress(d: AddressLookupDeps, instanceId: string, deadlineMs: number): Promise<AddressLookup> {
  const ms = () => d.now().getTime();
  const started = ms();
  let delay = LOOKUP_FIRST_DELAY_MS;
  for (let tries = 1; ; tries++) {
    if (d.signal.aborted || d.stopped?.()) return { kind: "stopped" };
    const t = await tryOnce(d, instanceId);
    if ("done" in t) return t.done;
    const left = deadlineMs - ms();
    if (left <= 0) {
      return { kind: "unread", reason: `address lookup ${t.again} for ${duration(ms() - started)} (${tries} ${tries === 1 ? "try" : "tries"})` };
    }
    const wait = Math.min(delay, left);
    await d.onRetry?.(t.again, t.throttled, wait);
    await d.sleep(wait, d.signal);
    delay = Math.min(delay * 2, LOOKUP_MAX_DELAY_MS);
  }
}

/** The lookup's answer as the grab keeps it: the addresses, or why there is no public IP. */
export function addressFields(found: Exclude<AddressLookup, { kind: "stopped" }>, assignPublicIp: boolean): Pick<GrabInstance, "publicIp" | "privateIp" | "noPublicIp"> {
  if (found.kind === "unread") return { noPublicIp: { kind: "unread", reason: found.reason } };
  if (found.publicIp) return { publicIp: found.publicIp, ...(found.privateIp ? { privateIp: found.privateIp } : {}) };
  return {
    ...(found.privateIp ? { privateIp: found.privateIp } : {}),
    noPublicIp: { kind: "none", reason: assignPublicIp ? "its VNIC has none" : "assignPublicIp is false" },
  };
}

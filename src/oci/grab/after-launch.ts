import type { OciClient } from "../client.ts";
import type { GrabInstance } from "./grab-store.ts";
import { addressFields, lookupAddress, type AddressLookupDeps } from "./instance-address.ts";
import type { GrabSettings } from "./settings.ts";

export interface AfterLaunchDeps {
  client: Pick<OciClient, "getInstance" | "listVnicAttachments" | "getVnic">;
  settings: Pick<GrabSettings, "compartmentId" | "assignPublicIp">;
  now: () => Date;
  signal: AbortSignal;
  /** Waits `ms`, ending early on a stop request or an abort; never rejects. */
  wait(ms: number): Promise<void>;
  /** A stop request or an abort: the grab loop decides what that means. */
  stopped(): boolean;
  pollMs: number;
  /** The budget for RUNNING and the address together, counted from the start of this wait. */
  timeoutMs: number;
  /** RUNNING, before the address is read (which may take minutes when OCI throttles). */
  onRunning?(instance: GrabInstance): void;
  onRetry?: AddressLookupDeps["onRetry"];
}

export type AfterLaunch =
  | { kind: "settled"; instance: GrabInstance }
  | { kind: "gone"; state: string }
  | { kind: "interrupted" };

/**
 * A launched instance until it is RUNNING and its address is read, or the budget runs out
 * (then it is kept as it was last seen, and the outcome says it is still provisioning).
 */
export async function afterLaunch(d: AfterLaunchDeps, instance: GrabInstance): Promise<AfterLaunch> {
  const ms = () => d.now().getTime();
  const deadline = ms() + d.timeoutMs;
  let state = instance.lifecycleState;
  for (;;) {
    // Asked first, then waited for: after a restart the instance may have been running for long.
    const got = await d.client.getInstance(instance.id);
    if (got.ok) state = got.value.lifecycleState;
    if (state === "RUNNING") break;
    if (state === "TERMINATED" || state === "TERMINATING") return { kind: "gone", state };
    if (d.stopped()) return { kind: "interrupted" };
    if (ms() >= deadline) return { kind: "settled", instance: { ...instance, lifecycleState: state } };
    await d.wait(d.pollMs);
  }
  const running = { ...instance, lifecycleState: state };
  d.onRunning?.(running);
  const found = await lookupAddress(
    { client: d.client, compartmentId: d.settings.compartmentId, now: d.now, sleep: (wait) => d.wait(wait), signal: d.signal, stopped: d.stopped, ...(d.onRetry ? { onRetry: d.onRetry } : {}) },
    instance.id,
    deadline,
  );
  if (found.kind === "stopped") return { kind: "interrupted" };
  return { kind: "settled", instance: { ...running, ...addressFields(found, d.settings.assignPublicIp) } };
}

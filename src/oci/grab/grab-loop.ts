import type { Logger } from "../../log.ts";
import { classifyAttempt, LIMIT_EXCEEDED_EXPLANATION, type AttemptAction } from "../classify-attempt.ts";
import type { OciClient } from "../client.ts";
import { buildLaunchDetails } from "../launch-details.ts";
import type { OciFailure, OciInstance } from "../types.ts";
import type { Grab, GrabInstance, GrabOutcome, GrabStore } from "./grab-store.ts";
import { afterLaunch } from "./after-launch.ts";
import { launchedMessage, launchedOutcome } from "./launched-outcome.ts";
import type { GrabSettings } from "./settings.ts";
import type { GrabJoinReport } from "./types.ts";

/** hitrov's pause after a 429: OCI sends no reliable Retry-After (reference/oci.md). */
export const THROTTLE_PAUSE_MS = 10 * 60_000;
/** After LimitExceeded with no instance to show for it: OCI's limit is not going to lift in a minute. */
export const LIMIT_PAUSE_MS = 60 * 60_000;
const PROVISION_POLL_MS = 10_000;
/** The budget for RUNNING and then the address lookup together, from the start of the wait. */
export const PROVISION_TIMEOUT_MS = 20 * 60_000;

/**
 * The grab's checks in the alert book (`source: "oci"`), one per way a grab stops or stalls, and
 * one for a launch whose address could not be read (a person has to find it).
 */
export type GrabCheck = "grab_stopped" | "grab_limit_exceeded" | "grab_address_unread";

/** What the loop tells the world; the bot wires these to Slack, the outbox and the alert book. */
export interface GrabEvents {
  /** After every step people would want to see (an attempt, a pause, a phase change). */
  progress(grab: Grab): Promise<void>;
  /** The grab ended: launched (and joined when asked), stopped, an instance exists, or failed. */
  ended(grab: Grab): Promise<void>;
  alert(check: GrabCheck, severity: "warning" | "critical", message: string): Promise<void>;
  /** The condition behind an alert is gone (the grab ended or moved on). */
  clear(check: GrabCheck, message: string): Promise<void>;
}

export interface GrabLoopDeps {
  store: GrabStore;
  client: OciClient;
  settings: GrabSettings;
  events: GrabEvents;
  log: Logger;
  now: () => Date;
  /** Waits `ms` or until `signal` aborts, whichever is first; never rejects. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  newRetryToken(): string;
  /** `oci.onSuccess.joinFleet`: bring the RUNNING instance into the fleet. */
  join?(instance: GrabInstance, user: string): Promise<GrabJoinReport>;
  /** How often a wait looks at state.db for a stop request (default 2 s). */
  stopPollMs?: number;
  provisionPollMs?: number;
  provisionTimeoutMs?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function detailOf(f: OciFailure): string {
  return f.kind === "http" ? [`HTTP ${f.status}`, f.code, f.message].filter(Boolean).join(" ") : f.message;
}

/** Instances of our shape that count against the limit: everything not TERMINATED. */
function living(instances: OciInstance[], shape: string): OciInstance[] {
  return instances.filter((i) => i.shape === shape && i.lifecycleState !== "TERMINATED");
}

/**
 * One grab, from where state.db says it is to its end. Every step reads the row first (a stop
 * request from another process is seen between attempts) and writes it after, so a bot that
 * restarts resumes here: the next attempt is due at `nextAttemptAt`, never a full interval later,
 * and an attempt OCI never answered is re-sent with its own retry token.
 */
export async function runGrab(deps: GrabLoopDeps, grabId: number, signal: AbortSignal): Promise<Grab> {
  const { store, events, log } = deps;
  const ms = () => deps.now().getTime();
  const intervalMs = Math.max(30, deps.settings.intervalSeconds) * 1000;
  const stopPollMs = deps.stopPollMs ?? 2000;

  const read = () => store.get(grabId)!;
  const shouldStop = () => {
    if (signal.aborted) return true;
    const now = read();
    return now.stopRequestedAt !== null || now.status !== "running";
  };

  /** Waits until `at` (ms), looking for a stop request every `stopPollMs`; false when stopped. */
  async function waitUntil(at: number): Promise<boolean> {
    while (ms() < at) {
      if (shouldStop()) return false;
      await deps.sleep(Math.min(at - ms(), stopPollMs), signal);
    }
    return !shouldStop();
  }

  /** `addressAlert`: the launch's address could not be read; otherwise an earlier grab's such alert is done with. */
  async function end(status: "succeeded" | "stopped" | "failed", outcome: GrabOutcome, addressAlert?: string): Promise<Grab> {
    const grab = store.end(grabId, status, outcome);
    log.info({ grab: grabId, status, outcome: outcome.kind, attempts: grab.attempts }, `grab ${status}: ${outcome.message}`);
    if (status !== "failed") await events.clear("grab_stopped", `grab #${grabId} ${status}: ${outcome.message}`);
    await events.clear("grab_limit_exceeded", `grab #${grabId} ${status}`);
    await events.ended(grab);
    if (addressAlert) await events.alert("grab_address_unread", "warning", addressAlert);
    else await events.clear("grab_address_unread", `grab #${grabId} ${status}`);
    return grab;
  }

  async function fail(message: string): Promise<Grab> {
    await events.alert("grab_stopped", "critical", `OCI grab #${grabId} stopped: ${message}`);
    return end("failed", { kind: "failed", message });
  }

  function recordError(grab: Grab, ad: string, action: AttemptAction, detail: string): Record<string, { at: string; action: AttemptAction; detail: string }> {
    return { ...grab.adErrors, [ad]: { at: iso(ms()), action, detail } };
  }

  /** A call other than the launch failed: 401 stops, 429 pauses, anything else is tried again next interval. */
  async function callFailed(grab: Grab, where: string, f: OciFailure): Promise<Grab | undefined> {
    const detail = detailOf(f);
    if (f.kind === "http" && f.status === 401) {
      return fail(`OCI refused the request signature while ${where} (401 ${f.code ?? ""}): check the key, fingerprint, user and tenancy of the OCI profile, and this machine's clock (more than 5 minutes off is refused)`);
    }
    const throttled = f.kind === "http" && f.status === 429;
    const next = ms() + (throttled ? THROTTLE_PAUSE_MS : intervalMs);
    store.update(grabId, {
      adErrors: recordError(grab, `(${where})`, throttled ? "throttled" : "transient", detail),
      nextAttemptAt: iso(next),
      ...(throttled ? { pausedUntil: iso(next), pauseReason: "OCI throttled this account (429)" } : {}),
    });
    log.warn({ grab: grabId, where, detail }, "OCI call failed; trying again later");
    await events.progress(read());
    return undefined;
  }

  async function discoverAds(grab: Grab): Promise<string[] | Grab | undefined> {
    if (grab.request.ad) return [grab.request.ad];
    if (deps.settings.availabilityDomains?.length) return deps.settings.availabilityDomains;
    const found = await deps.client.listAvailabilityDomains(deps.settings.compartmentId);
    if (!found.ok) return callFailed(grab, "listing availability domains", found.error);
    if (found.value.length === 0) return fail("the Identity API lists no availability domain for the compartment");
    return found.value.map((a) => a.name);
  }

  async function launchOnce(grab: Grab, ads: string[]): Promise<Grab | undefined> {
    // A pending token is the attempt OCI never answered: re-send it as it was, no listing
    // first (OCI answers a known token with that same instance, so nothing is doubled).
    if (grab.retryToken === null) {
      const listed = await deps.client.listInstances(deps.settings.compartmentId);
      if (!listed.ok) return callFailed(grab, "listing instances", listed.error);
      const existing = living(listed.value, grab.request.shape);
      if (existing.length >= deps.settings.maxInstances) {
        return end("stopped", {
          kind: "exists",
          message: `${existing.length} ${grab.request.shape} instance(s) already exist (${existing.map((i) => `${i.displayName ?? i.id} ${i.lifecycleState}`).join(", ")}); oci.maxInstances is ${deps.settings.maxInstances}, so nothing was launched`,
        });
      }
    }

    const ad = ads[grab.adIndex % ads.length]!;
    const token = grab.retryToken ?? deps.newRetryToken();
    store.update(grabId, { retryToken: token, attempts: grab.attempts + 1, lastAttemptAt: iso(ms()) });
    const s = deps.settings;
    const outcome = await deps.client.launchInstance(
      buildLaunchDetails({
        compartmentId: s.compartmentId,
        availabilityDomain: ad,
        imageId: s.imageId,
        subnetId: s.subnetId,
        sshPublicKey: s.sshPublicKey,
        ocpus: grab.request.ocpus,
        memoryGb: grab.request.memoryGb,
        shape: grab.request.shape,
        displayName: grab.request.displayName,
        bootVolumeSizeGb: s.bootVolumeSizeGb,
        assignPublicIp: s.assignPublicIp,
      }),
      token,
    );
    const verdict = classifyAttempt(outcome);
    grab = read();
    const detail = verdict.detail ?? verdict.explanation;
    log.info({ grab: grabId, attempt: grab.attempts, ad, action: verdict.action }, `launch attempt: ${verdict.action}`);

    const after = (patch: Parameters<GrabStore["update"]>[1]) => store.update(grabId, { retryToken: null, ...patch });
    const nextRound = { adIndex: (grab.adIndex + 1) % ads.length, nextAttemptAt: iso(ms() + intervalMs) };
    switch (verdict.action) {
      case "launched": {
        const i = verdict.instance!;
        after({
          phase: "provisioning",
          pausedUntil: null,
          pauseReason: null,
          instance: {
            id: i.id,
            availabilityDomain: i.availabilityDomain ?? ad,
            shape: i.shape ?? grab.request.shape,
            ocpus: i.shapeConfig?.ocpus ?? grab.request.ocpus,
            memoryGb: i.shapeConfig?.memoryInGBs ?? grab.request.memoryGb,
            lifecycleState: i.lifecycleState,
          },
        });
        await events.clear("grab_limit_exceeded", `grab #${grabId} launched ${i.id}`);
        break;
      }
      case "no_capacity":
        after({ adErrors: recordError(grab, ad, verdict.action, detail), pausedUntil: null, pauseReason: null, ...nextRound });
        break;
      case "transient":
        if (verdict.reuseRetryToken) {
          // No answer: the same attempt again, same AD and same token.
          store.update(grabId, { adErrors: recordError(grab, ad, verdict.action, detail), nextAttemptAt: iso(ms() + intervalMs) });
        } else {
          after({ adErrors: recordError(grab, ad, verdict.action, detail), ...nextRound });
        }
        break;
      case "throttled":
        after({ adErrors: recordError(grab, ad, verdict.action, detail), pausedUntil: iso(ms() + THROTTLE_PAUSE_MS), pauseReason: "OCI throttled this account (429)", nextAttemptAt: iso(ms() + THROTTLE_PAUSE_MS) });
        break;
      case "limit_exceeded": {
        after({ adErrors: recordError(grab, ad, verdict.action, detail) });
        const again = await deps.client.listInstances(deps.settings.compartmentId);
        const existing = again.ok ? living(again.value, grab.request.shape) : [];
        if (existing.length > 0) {
          return end("stopped", { kind: "exists", message: `OCI says LimitExceeded and an instance of the shape exists (${existing.map((i) => `${i.displayName ?? i.id} ${i.lifecycleState}`).join(", ")}): nothing more to launch` });
        }
        const until = ms() + LIMIT_PAUSE_MS;
        store.update(grabId, { pausedUntil: iso(until), pauseReason: "LimitExceeded with no instance present", nextAttemptAt: iso(until) });
        await events.alert("grab_limit_exceeded", "warning", `OCI grab #${grabId}: LimitExceeded, yet no ${grab.request.shape} instance exists${again.ok ? "" : " (listing failed)"}; pausing until ${iso(until)}. ${LIMIT_EXCEEDED_EXPLANATION}`);
        break;
      }
      case "skip_ad": {
        const left = ads.filter((a) => a !== ad);
        after({ adErrors: recordError(grab, ad, verdict.action, detail), ads: left, skippedAds: [...grab.skippedAds, ad], adIndex: left.length ? grab.adIndex % left.length : 0, nextAttemptAt: iso(ms() + intervalMs) });
        if (left.length === 0) return fail(`no availability domain offers ${grab.request.shape} (${[...grab.skippedAds, ad].join(", ")})`);
        break;
      }
      case "unauthenticated":
      case "rejected":
        after({ adErrors: recordError(grab, ad, verdict.action, detail) });
        return fail(`${verdict.explanation} [${detail}]`);
    }
    await events.progress(read());
    return undefined;
  }

  /** Waits for RUNNING and reads the address (src/oci/grab/after-launch.ts), then picks the next phase. */
  async function provision(grab: Grab): Promise<Grab | undefined> {
    const instance = grab.instance!;
    const settled = await afterLaunch(
      {
        client: deps.client,
        settings: deps.settings,
        now: deps.now,
        signal,
        wait: async (wait) => void (await waitUntil(ms() + wait)),
        stopped: shouldStop,
        pollMs: deps.provisionPollMs ?? PROVISION_POLL_MS,
        timeoutMs: deps.provisionTimeoutMs ?? PROVISION_TIMEOUT_MS,
        onRunning: (running) => void store.update(grabId, { instance: running }),
        async onRetry(what, throttled, retryInMs) {
          // Shown like any failed call: a throttled lookup is visible while it lasts, not only at the end.
          log.warn({ grab: grabId, instance: instance.id, what, retryInMs }, "address lookup failed; asking again");
          store.update(grabId, { adErrors: recordError(read(), "(reading the address)", throttled ? "throttled" : "transient", what) });
          await events.progress(read());
        },
      },
      instance,
    );
    if (settled.kind === "gone") return fail(`instance ${instance.id} went ${settled.state} before it ran`);
    if (settled.kind === "interrupted") return undefined; // a stop ends the grab in the loop; an abort resumes here
    const updated: GrabInstance = { ...settled.instance, user: await nodeUser() };
    store.update(grabId, { instance: updated, phase: deps.settings.joinFleet && updated.publicIp && deps.join ? "joining" : "done" });
    await events.progress(read());
    return undefined;
  }

  async function nodeUser(): Promise<string> {
    if (deps.settings.nodeUser) return deps.settings.nodeUser;
    const image = await deps.client.getImage(deps.settings.imageId);
    return image.ok && /ubuntu/i.test(image.value.operatingSystem ?? "") ? "ubuntu" : "opc";
  }

  /** The launched instance's end: joined (when asked and possible), or why not, and any address alert. */
  function launched(grab: Grab, join?: GrabJoinReport): Promise<Grab> {
    const { outcome, alert } = launchedOutcome(grabId, grab.instance!, { joinFleet: deps.settings.joinFleet, name: grab.request.displayName, ...(join ? { join } : {}) });
    return end("succeeded", outcome, alert);
  }

  for (;;) {
    let grab = read();
    if (grab.status !== "running") return grab;
    if (signal.aborted) return grab;
    // Once "done" there is nothing left that a stop could spare: the grab ends as it went.
    if (grab.stopRequestedAt && grab.phase !== "done") {
      // After a launch the instance exists whatever the stop: the outcome still names it (and announces it).
      if (grab.instance) return end("stopped", { kind: "launched", message: `${launchedMessage(grab.instance)}; grab stopped by ${grab.stopRequestedBy} after the launch` });
      return end("stopped", { kind: "stopped", message: `stopped by ${grab.stopRequestedBy} after ${grab.attempts} attempt(s)` });
    }
    if (grab.phase === "provisioning") {
      const ended = await provision(grab);
      if (ended) return ended;
      continue;
    }
    if (grab.phase === "joining") return launched(grab, await deps.join!(grab.instance!, grab.instance!.user ?? (await nodeUser())));
    if (grab.phase === "done") return launched(grab);

    const due = Math.max(grab.nextAttemptAt ? Date.parse(grab.nextAttemptAt) : 0, grab.pausedUntil ? Date.parse(grab.pausedUntil) : 0);
    if (!(await waitUntil(due))) continue;
    grab = read();
    if (grab.pausedUntil && Date.parse(grab.pausedUntil) <= ms()) grab = store.update(grabId, { pausedUntil: null, pauseReason: null });

    let ads = grab.ads;
    if (!ads) {
      const found = await discoverAds(grab);
      if (found === undefined) continue;
      if (!Array.isArray(found)) return found;
      ads = found;
      grab = store.update(grabId, { ads });
    }
    const ended = await launchOnce(grab, ads);
    if (ended) return ended;
  }
}

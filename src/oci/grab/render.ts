import { isIP } from "node:net";
import { escapeHtml } from "../../render/escape.ts";
import { shellWord } from "../../ssh/quote.ts";
import { formatUptime } from "../../render/table.ts";
import type { Grab } from "./grab-store.ts";
import { utcMinute } from "../../render/utc-time.ts";
import { addressPhrase } from "./launched-outcome.ts";

/**
 * A grab as `oci-grab status --json` shows it: the row minus the retry token (a token is never
 * shown: only whether an unanswered attempt is pending).
 */
export function grabView(grab: Grab, now: Date) {
  const { retryToken, slackTs: _ts, ...rest } = grab;
  const endAt = grab.endedAt ? Date.parse(grab.endedAt) : now.getTime();
  return { ...rest, retryPending: retryToken !== null, runningSeconds: Math.max(0, Math.round((endAt - Date.parse(grab.startedAt)) / 1000)) };
}

export type GrabView = ReturnType<typeof grabView>;

function ago(at: string, now: Date): string {
  return `${formatUptime(Math.max(0, Math.round((now.getTime() - Date.parse(at)) / 1000)))} ago`;
}

function inTime(at: string, now: Date): string {
  const s = Math.round((Date.parse(at) - now.getTime()) / 1000);
  return s <= 0 ? "now" : `in ${formatUptime(s)} (${utcMinute(at)})`;
}

/**
 * The login command people paste, or undefined when the address is not an IP address (a grab
 * stored before addresses were checked): nothing from OCI reaches a printed command unchecked,
 * and the user name is quoted when it is not a bare word.
 */
export function sshCommand(user: string | undefined, ip: string): string | undefined {
  if (isIP(ip) === 0) return undefined;
  return `ssh ${shellWord(`${user ?? "opc"}@${ip}`)}`;
}

/** The host key's fingerprint is in the join's host-key step; the command adds exactly that key. */
const ADD_HOST_KEY = "once the fingerprint above matches the instance's console, add that host key";

/** The lines people read, on the CLI (`oci-grab status`) and in the Slack message edited in place. */
export function grabLines(grab: Grab, now: Date): string[] {
  const r = grab.request;
  const what = `${r.shape} ${r.ocpus} OCPUs / ${r.memoryGb} GB "${r.displayName}"${r.ad ? ` in ${r.ad} only` : ""}`;
  const ranFor = formatUptime(grabView(grab, now).runningSeconds);
  const lines = [`OCI grab #${grab.id} ${grab.status}${grab.status === "running" ? ` (${grab.phase})` : ""}: ${what}`];
  lines.push(`started by ${grab.startedBy} at ${utcMinute(grab.startedAt)}; ${grab.status === "running" ? "running for" : "ran for"} ${ranFor}; ${grab.attempts} attempt(s)`);
  if (grab.ads) lines.push(`availability domains: ${grab.ads.join(", ") || "none left"}${grab.skippedAds.length ? ` (left out, no such shape: ${grab.skippedAds.join(", ")})` : ""}`);
  for (const [ad, e] of Object.entries(grab.adErrors)) lines.push(`  ${ad}: ${e.detail} (${ago(e.at, now)})`);
  if (grab.status === "running") {
    if (grab.stopRequestedAt) lines.push(`stop requested by ${grab.stopRequestedBy}: ends before the next attempt`);
    if (grab.pausedUntil) lines.push(`paused: ${grab.pauseReason ?? "waiting"}, until ${utcMinute(grab.pausedUntil)}`);
    if (grab.phase === "launching") lines.push(`next try: ${grab.nextAttemptAt ? inTime(grab.nextAttemptAt, now) : "now"}`);
  }
  const i = grab.instance;
  if (i) {
    lines.push(`instance: ${i.id} in ${i.availabilityDomain}, ${i.shape} ${i.ocpus} OCPUs / ${i.memoryGb} GB, ${i.lifecycleState}`);
    const ssh = i.publicIp ? sshCommand(i.user, i.publicIp) : undefined;
    if (i.publicIp) lines.push(ssh ? `public IP: ${i.publicIp}; ssh: ${ssh}` : "public IP: not an IP address (not used)");
    else if (i.lifecycleState === "RUNNING" && i.noPublicIp) lines.push(`address: ${addressPhrase(i)}`);
  }
  if (grab.outcome) lines.push(`outcome: ${grab.outcome.message}`);
  for (const s of grab.outcome?.join?.steps ?? []) lines.push(`  join ${s.step}: ${s.status}, ${s.detail}`);
  if (grab.outcome?.join?.keyscan) lines.push(`  ${ADD_HOST_KEY}: ${grab.outcome.join.keyscan}`);
  return lines;
}

/** The success message, a new Slack message and an email: everything needed to log in. */
export function launchedAnnouncement(grab: Grab) {
  const i = grab.instance!;
  const ssh = i.publicIp ? sshCommand(i.user, i.publicIp) : undefined;
  const lines = [
    `OCI grab #${grab.id}: launched ${i.shape} after ${grab.attempts} attempt(s)`,
    `OCID: ${i.id}`,
    `availability domain: ${i.availabilityDomain}`,
    `shape: ${i.shape}, ${i.ocpus} OCPUs / ${i.memoryGb} GB`,
    `state: ${i.lifecycleState}`,
    // "none" only when OCI's VNIC says so; a lookup that got no answer says "not read" and why.
    `public IP: ${i.publicIp ? (ssh ? i.publicIp : "not an IP address (not used)") : (i.noPublicIp?.kind === "none" ? `none (${i.noPublicIp.reason})` : `not read${i.noPublicIp ? ` (${i.noPublicIp.reason})` : ""}`)}`,
    ...(!i.publicIp && i.privateIp ? [`private IP: ${i.privateIp}`] : []),
    ...(ssh ? [`ssh: ${ssh}`] : []),
    ...(grab.outcome?.join
      ? [`joining the fleet: ${grab.outcome.join.ok ? "done" : "not complete"}`, ...grab.outcome.join.steps.map((s) => `- ${s.step}: ${s.status}, ${s.detail}`)]
      : []),
    ...(grab.outcome?.join?.keyscan ? [`${ADD_HOST_KEY}: ${grab.outcome.join.keyscan}`] : []),
  ];
  const text = lines.join("\n");
  return {
    key: `oci-grab:${grab.id}:launched`,
    subject: `Oyster: OCI instance launched (${ssh ? i.publicIp : i.id})`,
    text,
    html: `<pre>${escapeHtml(text)}</pre>`,
    blocks: [] as unknown[],
    ...(grab.slackChannel ? { slackChannel: grab.slackChannel } : {}),
  };
}

import type { Store } from "../store/index.ts";

export interface SlackAuditEntry {
  userId: string;
  channelId: string | undefined;
  command: string;
  args: Record<string, unknown>;
}

const base = (e: SlackAuditEntry) => ({
  who: `slack:${e.userId}`, via: "slack" as const, ...(e.channelId ? { channel: e.channelId } : {}), command: e.command, args: e.args,
});

/**
 * A Slack caller refused before the command layer saw them (a viewer outside
 * `slack.allowedChannels`, a click by someone who may not decide): the attempt is still on record,
 * since the README promises every invocation and click, allowed or not.
 */
export function auditSlackDenied(store: Store, e: SlackAuditEntry): void {
  store.audit.start({ ...base(e), decision: "denied" });
}

/** A plan posted with Confirm/Cancel: on record even if nobody ever clicks. */
export function auditSlackPlanned(store: Store, e: SlackAuditEntry): void {
  store.audit.start({ ...base(e), decision: "planned" });
}

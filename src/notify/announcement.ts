import type { Logger } from "../log.ts";

/**
 * A one-off message for everyone (an OCI grab that got its instance, say): a new Slack message
 * AND an email, like the daily report but not it. The caller renders every form a channel may want.
 */
export interface Announcement {
  /** Idempotency key chosen by the caller (e.g. `oci-grab:<grabId>:launched`): announcing twice with the same key sends once. */
  key: string;
  subject: string;
  text: string;
  html: string;
  blocks: unknown[];
  /** Slack channel id to post in; the alert channel when absent. */
  slackChannel?: string;
}

/** Durable once `announce` returns (the Deliverer's outbox); delivery happens in the background. */
export interface Announcer {
  announce(a: Announcement): Promise<void>;
}

/** For processes without delivery: one line, the subject, at info (as LogReportSink does for reports). */
export class LogAnnouncer implements Announcer {
  constructor(private readonly log: Logger) {}

  async announce(a: Announcement): Promise<void> {
    this.log.info({ key: a.key, subject: a.subject, blocks: a.blocks.length, textChars: a.text.length }, "announcement not sent (no delivery wired here): logged only");
  }
}

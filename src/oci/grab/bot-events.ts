import type { AlertBook } from "../../alerts/alert-book.ts";
import type { Logger } from "../../log.ts";
import type { Announcer } from "../../notify/announcement.ts";
import { escapeMrkdwn } from "../../render/escape.ts";
import type { GrabEvents } from "./grab-loop.ts";
import type { Grab, GrabStore } from "./grab-store.ts";
import { grabLines, launchedAnnouncement } from "./render.ts";

/** The two Web API calls the progress message needs (Bolt's client has them). */
export interface ProgressSlack {
  chat: {
    postMessage(args: { channel: string; text: string }): Promise<{ ts?: string }>;
    update(args: { channel: string; ts: string; text: string }): Promise<unknown>;
  };
}

export interface BotGrabEventsOptions {
  grabs: GrabStore;
  alerts: AlertBook;
  announcer: Announcer;
  log: Logger;
  now: () => Date;
  /** Absent when Slack is off: progress is then in `oyster oci-grab status` and the log only. */
  slack?: { client: ProgressSlack; alertChannel?: string };
}

/**
 * Where a grab shows in the bot: one Slack message edited in place (never one per attempt), the
 * success as a new message and an email (the outbox), failures that stop it in the alert book.
 */
export function botGrabEvents(o: BotGrabEventsOptions): GrabEvents {
  async function showProgress(grab: Grab): Promise<void> {
    const channel = grab.slackChannel ?? o.slack?.alertChannel;
    if (!o.slack || !channel) return;
    const text = escapeMrkdwn(grabLines(grab, o.now()).join("\n"));
    try {
      if (grab.slackTs) {
        await o.slack.client.chat.update({ channel, ts: grab.slackTs, text });
      } else {
        const posted = await o.slack.client.chat.postMessage({ channel, text });
        if (posted.ts) o.grabs.update(grab.id, { slackTs: posted.ts });
      }
    } catch (err) {
      // Progress is best effort: the next attempt edits again, and status always has it.
      o.log.warn({ grab: grab.id, err: (err as Error).message }, "could not show the grab's progress in Slack");
    }
  }

  return {
    progress: (grab) => showProgress(grab),
    async ended(grab) {
      // The row as written, with the Slack ts a post may just have stored.
      const latest = o.grabs.get(grab.id) ?? grab;
      await showProgress(latest);
      if (latest.outcome?.kind === "launched" && latest.instance) await o.announcer.announce(launchedAnnouncement(latest));
    },
    async alert(check, severity, message) {
      await o.alerts.raise({ source: "oci", check, node: null, severity, attempts: 1, message });
    },
    async clear(check, message) {
      await o.alerts.resolve("oci", check, null, message);
    },
  };
}

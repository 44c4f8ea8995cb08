import { escapeHtml } from "../render/escape.ts";
import type { Announcement } from "./announcement.ts";
import type { ChannelRefusal } from "./delivery-error.ts";
import type { ChannelName } from "./outbox.ts";

const TITLE: Record<ChannelName, string> = { slack: "Slack", email: "Email" };

/**
 * The message that tells a person, by the channels that still work, that one refuses in a way
 * only they can fix (Slack's invalid_auth, not_in_channel). One per channel, code and UTC day
 * (and Slack channel, for a refused channel): the key makes a repeat (the next item, another
 * process, a restart) queue nothing.
 */
export function refusalNotice(channel: ChannelName, refusal: ChannelRefusal, now: Date, stopped: boolean): Announcement {
  const { code, action = "", scope } = refusal.info;
  const day = now.toISOString().slice(0, 10);
  const subject = `[Oyster] ${TITLE[channel]} refuses delivery (${code})${stopped ? `: ${TITLE[channel]} is no longer called` : ""}`;
  const lines = [`${refusal.message} at ${now.toISOString()}.`, "", action, "", "Nothing is lost: every notification stays in the outbox (oyster outbox) until a channel takes it."];
  const text = `${lines.join("\n")}\n\n-- \nOyster\n`;
  const html = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    ...lines.filter((l) => l !== "").map((l) => `<p>${escapeHtml(l)}</p>`),
    "</body></html>",
  ].join("\n");
  return { key: `channel-refused:${channel}:${code}:${scope ? `${scope}:` : ""}${day}`, subject, text, html, blocks: [] };
}

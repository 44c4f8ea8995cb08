import type { Alert } from "../alerts/types.ts";
import { alertActionButtons } from "./alert-action-buttons.ts";
import type { Block } from "./render/messages.ts";
import { duration, escapeClipped, handlingLines, plainSubject, RESOLVED_EMOJI, SEVERITY_EMOJI, severityWord, statusWord, subject, when } from "./render/alert-format.ts";
import { plainView, type View } from "../render/view.ts";

export const ALERT_ACK_ACTION = "oyster_alert_ack";
export const ALERT_SNOOZE_1H_ACTION = "oyster_alert_snooze_1h";
export const ALERT_SNOOZE_24H_ACTION = "oyster_alert_snooze_24h";

/** Each button is a command line, so a click is checked and audited exactly like `/oyster`. */
export const ALERT_BUTTONS = {
  [ALERT_ACK_ACTION]: { label: "Acknowledge", labelKey: "alerts.button.ack", command: "ack", words: [] as string[] },
  [ALERT_SNOOZE_1H_ACTION]: { label: "Snooze 1h", labelKey: "alerts.button.snooze1h", command: "snooze", words: ["1h"] },
  [ALERT_SNOOZE_24H_ACTION]: { label: "Snooze 24h", labelKey: "alerts.button.snooze24h", command: "snooze", words: ["24h"] },
} as const;
export type AlertActionId = keyof typeof ALERT_BUTTONS;

export interface AlertMessage {
  /** Notification and fallback text (what a phone shows). */
  text: string;
  blocks: Block[];
}

/** A storm names its nodes in one message; past this many the list is cut. */
export const MAX_LISTED_NODES = 25;
// Section text may hold 3000 characters; these leave room for the heading and the "more" line.
const MAX_MESSAGE = 2400;
const MAX_NODES_TEXT = 2600;
const MAX_TEXT = 300;

const section = (text: string): Block => ({ type: "section", text: { type: "mrkdwn", text } });
const field = (label: string, value: string) => ({ type: "mrkdwn", text: `*${label}*\n${value}` });

/**
 * Acknowledge, Snooze 1h, Snooze 24h (the value is the alert id the click acts on), then the
 * alert's own actions (restart the unit, show its journal, ...).
 */
export function alertActions(alert: Alert, view: View = plainView()): Block {
  const handling = Object.entries(ALERT_BUTTONS).map(([actionId, b]) => ({
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text: view.t(b.labelKey) },
    value: alert.id,
    ...(actionId === ALERT_ACK_ACTION ? { style: "primary" } : {}),
  }));
  return { type: "actions", block_id: `oyster_alert_${alert.id}`, elements: [...handling, ...alertActionButtons(alert, view)] };
}

/** "node-1, node-2, ... and 7 more": within the count and the section's length limit. */
export function nodeList(nodes: string[], maxChars = MAX_NODES_TEXT, view: View = plainView()): string {
  const shown: string[] = [];
  let length = 0;
  for (const n of nodes.slice(0, MAX_LISTED_NODES)) {
    const item = escapeClipped(n, 100);
    if (length + item.length + 2 > maxChars) break;
    shown.push(item);
    length += item.length + 2;
  }
  const more = nodes.length - shown.length;
  return `${shown.join(", ")}${more > 0 ? view.t("alerts.moreNodes", { count: more }) : ""}`;
}

const heading = (a: Alert, view: View) =>
  a.status === "resolved"
    ? view.t("alerts.resolvedHeading", { emoji: RESOLVED_EMOJI, severity: severityWord(a, view) })
    : `${SEVERITY_EMOJI[a.severity]} *${view.t(`alerts.severityHeading.${a.severity}`)}*`;

/** One alert in full: what, where, since when, who is on it, and the buttons while it is open. */
export function alertMessage(alert: Alert, view: View = plainView()): AlertMessage {
  const { t } = view;
  const blocks: Block[] = [section(`${heading(alert, view)}  *${alert.id}*  ${subject(alert, view)}\n${escapeClipped(alert.message, MAX_MESSAGE)}`)];
  if (alert.nodes.length > 1) blocks.push(section(t("alerts.nodesField", { count: alert.nodes.length, list: nodeList(alert.nodes, MAX_NODES_TEXT, view) })));
  const fields = [
    field(t("alerts.field.status"), statusWord(alert, view)),
    field(t("alerts.field.attempts"), String(alert.attempts)),
    field(t("alerts.field.firstSeen"), when(alert.first_seen, view)),
    field(t("alerts.field.lastSeen"), when(alert.last_seen, view)),
  ];
  if (alert.resolved_at) {
    const lasted = duration(Date.parse(alert.resolved_at) - Date.parse(alert.first_seen), view);
    fields.push(field(t("alerts.field.resolved"), t("alerts.resolvedAfter", { when: when(alert.resolved_at, view), duration: lasted })));
  }
  blocks.push({ type: "section", fields });
  const handling = handlingLines(alert, view);
  if (handling.length > 0) blocks.push({ type: "context", elements: handling.map((text) => ({ type: "mrkdwn", text })) });
  if (alert.status !== "resolved") blocks.push(alertActions(alert, view));
  return { text: alertText(alert, view), blocks };
}

/** "🔴 [critical] A12 node_availability on node-1: node-1 unreachable", cut for a notification. */
export function alertText(alert: Alert, view: View = plainView()): string {
  const { t } = view;
  const head = alert.status === "resolved" ? t("alerts.textResolved", { emoji: RESOLVED_EMOJI }) : t("alerts.textOpen", { emoji: SEVERITY_EMOJI[alert.severity], severity: severityWord(alert, view) });
  return escapeClipped(`${head} ${alert.id} `, 80) + plainSubject(alert, view) + t("alerts.sep") + escapeClipped(alert.message, MAX_TEXT);
}

/** At most this many alerts share one message: 1 + 2 blocks each stays far below MESSAGE_BLOCKS_MAX. */
export const MAX_GROUP = 12;
// Per alert of a group: heading ~500, message 600, nodes 800, who/why ~900: under 3000 in all.
const MAX_GROUP_MESSAGE = 600;
const MAX_GROUP_NODES = 800;

/**
 * Many alerts raised at once, as one message: a line per alert with its own buttons, so a storm
 * notifies once and each alert is still handled on its own.
 */
export function alertGroupMessage(alerts: Alert[], view: View = plainView()): AlertMessage {
  if (alerts.length === 1) return alertMessage(alerts[0]!, view);
  const { t } = view;
  const open = alerts.filter((a) => a.status !== "resolved").length;
  const state = open === 0 ? t("alerts.groupAllResolved") : open === alerts.length ? t("alerts.groupAllOpen") : t("alerts.groupStillOpen", { count: open });
  const blocks: Block[] = [section(t("alerts.groupHeading", { emoji: open === 0 ? RESOLVED_EMOJI : ":rotating_light:", count: alerts.length, state }))];
  for (const a of alerts.slice(0, MAX_GROUP)) {
    const lines = [
      t("alerts.groupLine", { heading: heading(a, view), id: a.id, subject: subject(a, view), status: statusWord(a, view), when: when(a.first_seen, view) }),
      escapeClipped(a.message, MAX_GROUP_MESSAGE),
    ];
    if (a.nodes.length > 1) lines.push(t("alerts.groupNodes", { list: nodeList(a.nodes, MAX_GROUP_NODES, view) }));
    blocks.push(section([...lines, ...handlingLines(a, view)].join("\n")));
    if (a.status !== "resolved") blocks.push(alertActions(a, view));
  }
  if (alerts.length > MAX_GROUP) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: t("alerts.groupMore", { count: alerts.length - MAX_GROUP }) }] });
  const items = alerts.map((a) => (a.node ? t("alerts.groupTextItem", { id: a.id, check: a.check, node: a.node }) : `${a.id} ${a.check}`));
  const text = t("alerts.groupText", { count: alerts.length, state, list: items.join(", ") });
  return { text: escapeClipped(text, MAX_TEXT), blocks };
}

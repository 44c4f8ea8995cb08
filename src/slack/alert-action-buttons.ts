import { createHash } from "node:crypto";
import type { Alert, AlertAction } from "../alerts/types.ts";
import { ALERT_ACTION_BUTTONS_MAX, BUTTON_TEXT_MAX } from "./render/limits.ts";
import { plainView, type View } from "../render/view.ts";

/**
 * An alert's own actions as buttons. The button carries where to look (alert id, index), never
 * the command line: a click payload can be forged by anyone in the workspace, so the command is
 * read from the stored alert at click time.
 */

/** One action id per position: Slack wants action ids unique within their block. */
export const ALERT_RUN_ACTION_PREFIX = "oyster_alert_run_";
export const ALERT_RUN_ACTION_RE = /^oyster_alert_run_\d+$/;

export interface ActionRef {
  alertId: string;
  index: number;
  /** Which command line the button showed: a stale button (the actions changed since) is refused, never re-aimed. */
  fingerprint: string;
}

const VALUE_RE = /^(A\d{1,15}):(\d{1,2}):([0-9a-f]{12})$/;

/** Not a secret and not a signature: the argv itself always comes from state.db. */
export function actionFingerprint(action: Pick<AlertAction, "argv">): string {
  return createHash("sha256").update(JSON.stringify(action.argv)).digest("hex").slice(0, 12);
}

export function actionValue(alertId: string, index: number, action: AlertAction): string {
  return `${alertId}:${index}:${actionFingerprint(action)}`;
}

/** The button value, or undefined when it is not one of ours. */
export function parseActionValue(value: string): ActionRef | undefined {
  const m = VALUE_RE.exec(value);
  return m ? { alertId: m[1]!, index: Number(m[2]), fingerprint: m[3]! } : undefined;
}

/** Plain text, so no escaping: only Slack's length limit. */
function buttonText(label: string): string {
  const chars = [...label];
  return chars.length <= BUTTON_TEXT_MAX ? label : `${chars.slice(0, BUTTON_TEXT_MAX - 1).join("")}…`;
}

/**
 * An action's label in the reader's language. Labels are stored in English with the alert (its
 * JSON and alert file stay English); the ones the guardian writes are worded again here, any
 * other is shown as stored.
 */
export function actionLabel(label: string, view: View = plainView()): string {
  const { t } = view;
  const restart = /^Restart (\S+)$/.exec(label);
  if (restart) return t("alerts.action.restart", { unit: restart[1]! });
  const journal = /^Show journal (\S+)$/.exec(label);
  if (journal) return t("alerts.action.journal", { unit: journal[1]! });
  if (label === "Re-arm fixes") return t("alerts.action.rearm");
  if (label === "Show logs") return t("alerts.action.logs");
  if (label === "Requeue task") return t("alerts.action.requeue");
  return label;
}

/** The buttons for an alert's actions (the first few), to sit after Acknowledge and Snooze. */
export function alertActionButtons(alert: Alert, view: View = plainView()): Array<Record<string, unknown>> {
  return (alert.actions ?? []).slice(0, ALERT_ACTION_BUTTONS_MAX).map((action, i) => ({
    type: "button",
    action_id: `${ALERT_RUN_ACTION_PREFIX}${i}`,
    text: { type: "plain_text", text: buttonText(actionLabel(action.label, view)) },
    value: actionValue(alert.id, i, action),
  }));
}

import type { App } from "@slack/bolt";
import type { SlackDeps } from "../router.ts";
import { registerAlertActionButtons } from "./actions/alert-action-buttons.ts";
import { registerAlertButtons } from "./actions/alert-buttons.ts";
import { registerDecisionActions } from "./actions/decision.ts";
import { registerOysterCommand } from "./commands/oyster.ts";

/** Every listener the app has, registered in one place. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerOysterCommand(app, deps);
  registerDecisionActions(app, deps);
  registerAlertButtons(app, deps);
  registerAlertActionButtons(app, deps);
}

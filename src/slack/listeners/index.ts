import type { App } from "@slack/bolt";
import { jobs } from "../../../jobs/index.ts";
import { createHomePublisher, type HomeTiming } from "../../app-home/create-home.ts";
import type { HomePublisher } from "../../app-home/home-publisher.ts";
import type { SlackDeps } from "../router.ts";
import { registerAlertActionButtons } from "./actions/alert-action-buttons.ts";
import { registerAlertButtons } from "./actions/alert-buttons.ts";
import { registerDecisionActions } from "./actions/decision.ts";
import { registerOysterCommand } from "./commands/oyster.ts";
import { registerAppHome } from "./events/app-home-opened.ts";

/** Every listener the app has, registered in one place. Returns the App Home's publisher (alert changes refresh it). */
export function registerListeners(app: App, deps: SlackDeps, homeTiming?: HomeTiming): HomePublisher {
  registerOysterCommand(app, deps);
  registerDecisionActions(app, deps);
  registerAlertButtons(app, deps);
  registerAlertActionButtons(app, deps);
  const home = createHomePublisher(app.client as never, { ...deps, jobNames: jobs.map((j) => j.name) }, homeTiming);
  registerAppHome(app, home);
  return home;
}

import type { App } from "@slack/bolt";
import type { HomePublisher } from "../../../app-home/home-publisher.ts";

/**
 * `app_home_opened` (Events API; Bolt acks it before this runs): publish the user's Home from
 * stored state. The Messages tab opens the same event with `tab: "messages"`: nothing to publish.
 */
export function registerAppHome(app: App, home: HomePublisher): void {
  app.event("app_home_opened", async ({ event }) => {
    if (event.tab === "messages") return;
    await home.opened(event.user);
  });
}

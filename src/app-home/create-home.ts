import type { Config } from "../config/index.ts";
import type { Logger } from "../log.ts";
import { plainView } from "../render/view.ts";
import { slackRole } from "../slack/authz.ts";
import { escapeClipped } from "../slack/render/mrkdwn.ts";
import type { Store } from "../store/index.ts";
import { alertsFingerprint } from "./alerts-fingerprint.ts";
import { readFleetHome } from "./fleet-home.ts";
import { homeView, noticeView } from "./home-view.ts";
import { HomePublisher, type HomeClient, type HomePublisherOptions } from "./home-publisher.ts";

export interface HomeDeps {
  config: Config;
  store: Store;
  log: Logger;
  now: () => Date;
  jobNames: readonly string[];
}

export type HomeTiming = Pick<HomePublisherOptions, "coalesceMs" | "minIntervalMs" | "watchMs">;

/**
 * The bot's App Home publisher: the view from stored state in `oyster.locale`; the fleet shown to
 * whoever Oyster answers outside a channel (everyone, or only operators and admins when
 * `slack.allowedChannels` limits viewers to those channels).
 */
export function createHomePublisher(client: HomeClient, deps: HomeDeps, timing: HomeTiming = {}): HomePublisher {
  const log = deps.log.child({ subsystem: "app-home" });
  const view = () => plainView(deps.config.oyster.locale);
  return new HomePublisher({
    client,
    log,
    nowMs: () => deps.now().getTime(),
    ...timing,
    build() {
      try {
        return homeView(readFleetHome({ config: deps.config, store: deps.store, now: deps.now, jobNames: deps.jobNames }), view());
      } catch (err) {
        log.warn({ err: (err as Error).message }, "app home: stored state could not be read");
        return noticeView(view().t("appHome.unavailable", { error: escapeClipped((err as Error).message, 300) }));
      }
    },
    refusal(userId) {
      try {
        slackRole(deps.config, userId, undefined);
        return undefined;
      } catch {
        const channels = (deps.config.oyster.slack.allowedChannels ?? []).map((c) => `<#${c}>`).join(", ");
        return noticeView(view().t("appHome.notAllowed", { channels }));
      }
    },
    alertsFingerprint: () => alertsFingerprint(deps.store.db),
  });
}

import type { Notifier } from "./alerts/types.ts";
import type { Announcer } from "./notify/announcement.ts";
import { slackSetup } from "./env.ts";
import { createDelivery, type Delivery } from "./notify/create-deliverer.ts";
import type { DeliveryChannel } from "./notify/delivery-types.ts";
import { FanOutNotifier } from "./notify/fan-out.ts";
import { LogNotifier } from "./notify/log-notifier.ts";
import type { ReportSink } from "./notify/report-sink.ts";
import type { Runtime } from "./runtime.ts";
import { secretsFor } from "./secrets/index.ts";
import { tagsFrom } from "./silences/match.ts";
import { SilenceGate } from "./silences/silence-gate.ts";

export interface WiredDelivery {
  delivery: Delivery;
  /** Alert events: a log line each, and into the outbox for Slack / email. */
  notifier: Notifier;
  reportSink: ReportSink;
  /** One-off messages for everyone (an OCI grab's success): Slack and email, through the outbox. */
  announcer: Announcer;
  /**
   * The ways out themselves (Slack when on, then email), for the one message that cannot go
   * through the outbox: the data dir (state.db) being full (src/data-dir-watch.ts).
   */
  channels: DeliveryChannel[];
}

/**
 * Notifications for one process: everything goes through the outbox in state.db, then Slack (when
 * on), else email. The bot passes its Bolt app's client; the CLI gets a plain Web API client,
 * loaded only when Slack is configured (Bolt is slow to import).
 */
export async function wireDelivery(rt: Runtime, slackClient?: unknown): Promise<WiredDelivery> {
  let slack: DeliveryChannel | undefined;
  const setup = slackSetup(rt.env.slack, rt.config.oyster.slack.mode);
  if (setup.enabled) {
    const { SlackChannel } = await import("./slack/slack-channel.ts");
    const client = slackClient ?? (await import("./slack/web-client.ts")).createWebClient(setup, rt.log.child({ subsystem: "slack" }));
    slack = new SlackChannel({ client: client as never, db: rt.store.db, config: rt.config, now: rt.now });
  }
  const delivery = createDelivery({
    store: rt.store,
    config: rt.config,
    log: rt.log.child({ subsystem: "delivery" }),
    ...(rt.env.smtpUrl ? { smtpUrl: rt.env.smtpUrl } : {}),
    ...(slack ? { slack } : {}),
    // Provider keys too: a relay's or Slack's error may echo anything sent to it.
    secrets: secretsFor(rt.processEnv, rt.config),
    // The runtime's clock, as the alerts use: a test's fake clock also moves retries and grouping.
    now: rt.now,
    // Silences hold alert events back in every process that delivers (the bot and the CLI alike).
    gate: new SilenceGate({ db: rt.store.db, tagsOf: tagsFrom(() => rt.config.nodes) }),
  });
  return {
    delivery,
    notifier: new FanOutNotifier(new LogNotifier(rt.log.child({ subsystem: "alerts" })), delivery.deliverer),
    reportSink: delivery.deliverer,
    announcer: delivery.deliverer,
    channels: [...(slack ? [slack] : []), delivery.email],
  };
}

import type { Config } from "../config/index.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/index.ts";
import { Deliverer, type DelivererOptions } from "./deliverer.ts";
import type { DeliveryChannel } from "./delivery-types.ts";
import { EmailChannel } from "./email-channel.ts";
import { Outbox } from "./outbox.ts";
import { plainView } from "../render/view.ts";

export interface DeliveryWiring {
  store: Store;
  config: Config;
  log: Logger;
  /** `SMTP_URL` (EnvOptions.smtpUrl); absent = no email. */
  smtpUrl?: string;
  /** The Slack channel (src/slack) when Slack is on; absent = straight to email. */
  slack?: DeliveryChannel;
  /** src/secrets (secretsFor): kept out of the errors stored in state.db. */
  secrets?: string[];
  now?: () => Date;
  afterSend?: DelivererOptions["afterSend"];
  /** Silences (src/silences): held items are recorded, not sent. */
  gate?: DelivererOptions["gate"];
}

export interface Delivery {
  deliverer: Deliverer;
  outbox: Outbox;
  email: EmailChannel;
  /**
   * Stops the worker (after the item in flight is recorded, or at `deadlineMs`) and closes the
   * SMTP transport. False when the deadline cut a send off (that item is re-sent at next start).
   */
  close(deadlineMs?: number): Promise<boolean>;
}

/**
 * The outbox, email and the Deliverer over one state.db, Slack first when given. Throws a
 * ConfigError for a malformed SMTP_URL (start-up turns it into exit 2).
 */
export function createDelivery(w: DeliveryWiring): Delivery {
  const outbox = new Outbox(w.store.db, w.now);
  const { from, to, allowInsecureAuth } = w.config.oyster.email;
  const email = new EmailChannel({ smtpUrl: w.smtpUrl, from, to, allowInsecureAuth, locale: w.config.oyster.locale });
  const deliverer = new Deliverer({
    outbox,
    channels: w.slack ? [w.slack, email] : [email],
    log: w.log,
    ...(w.now ? { now: w.now } : {}),
    ...(w.secrets ? { secrets: w.secrets } : {}),
    ...(w.afterSend ? { afterSend: w.afterSend } : {}),
    ...(w.gate ? { gate: w.gate } : {}),
    view: plainView(w.config.oyster.locale),
  });
  return {
    deliverer,
    outbox,
    email,
    async close(deadlineMs?: number) {
      const finished = await deliverer.stop(deadlineMs);
      email.close();
      return finished;
    },
  };
}

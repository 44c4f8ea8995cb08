// One Oyster process as the bot wires it, over a real rig: openRuntime + wireDelivery (Slack through
// createWebClient at the stand-in, email through SMTP_URL), an AlertBook whose notifier is the
// wired one, and the guardian. Every clock is one fake clock the test moves.
import { alertBookFor } from "../../../src/alerts/alert-book-for.ts";
import type { AlertBook } from "../../../src/alerts/alert-book.ts";
import { wireDelivery, type WiredDelivery } from "../../../src/delivery-wiring.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { runGuardian } from "../../../jobs/guardian/run-guardian.ts";
import type { GuardianReport } from "../../../jobs/guardian/report.ts";
import type { Fleet } from "../../helpers/fleet-fixture.ts";
import type { StandIn, StoredMessage } from "../../helpers/slack-standin/index.ts";
import type { SmtpSink } from "../../helpers/smtp-sink.ts";

export const ALERTS = "CALERTS";
export const REPORTS = "CREPORTS";

/** oyster.json keys every delivery test shares: both channels, a 60-minute reminder. */
export const DELIVERY_CONFIG = {
  slack: { alertChannel: ALERTS, reportChannel: REPORTS },
  email: { from: "oyster@test", to: ["ops@test"] },
  guardian: { reminderMinutes: 60 },
};

export interface FakeClock {
  now: () => Date;
  advance(ms: number): void;
}

export function fakeClock(start = "2026-11-27T09:00:00.000Z"): FakeClock {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

/** The env a process gets: the fleet's dirs, Slack at the stand-in, SMTP at the sink (each when given). */
export function deliveryEnv(fleet: Fleet, to: { standIn?: StandIn; sink?: SmtpSink }): NodeJS.ProcessEnv {
  return {
    ...fleet.env,
    ...(to.standIn ? { SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-test", SLACK_API_URL: to.standIn.apiUrl } : {}),
    ...(to.sink ? { SMTP_URL: to.sink.url() } : {}),
  };
}

export interface OysterProcess {
  rt: Runtime;
  wired: WiredDelivery;
  book: AlertBook;
  /** One guardian run with fixes on, then the outbox drained. */
  guardianStep(): Promise<GuardianReport>;
  drain(): Promise<void>;
  close(): Promise<void>;
}

export async function startOyster(env: NodeJS.ProcessEnv, clock: FakeClock): Promise<OysterProcess> {
  const rt = openRuntime({ processEnv: env, stderrLevel: "silent", now: clock.now });
  const wired = await wireDelivery(rt);
  const dataDir = rt.env.dataDir;
  const book = alertBookFor({ store: rt.store, dataDir, config: rt.config, log: rt.log, now: clock.now, notifier: wired.notifier });
  const drain = () => wired.delivery.deliverer.drain();
  return {
    rt,
    wired,
    book,
    drain,
    async guardianStep() {
      const report = await runGuardian({ config: rt.config, ssh: rt.ssh, store: rt.store, alerts: book, log: rt.log, now: clock.now, dataDir }, { fix: true });
      await drain();
      return report;
    },
    async close() {
      await wired.delivery.close(5_000);
      await rt.close();
    },
  };
}

/** Messages in the channel that are not thread replies. */
export const topLevel = (standIn: StandIn, channel = ALERTS): StoredMessage[] => standIn.messages(channel).filter((m) => m.thread_ts === undefined);

/** Replies in the thread of the message at `ts`. */
export const repliesTo = (standIn: StandIn, ts: string, channel = ALERTS): StoredMessage[] => standIn.messages(channel).filter((m) => m.thread_ts === ts);

/** Everything Slack shows for a message: its text and its blocks, as one searchable string. */
export const shown = (m: StoredMessage | undefined): string => (m ? `${m.text ?? ""}\n${JSON.stringify(m.blocks ?? [])}` : "");

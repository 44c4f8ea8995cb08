// A SlackChannel over a real WebClient pointed at the Slack stand-in, a real state.db and a fake
// clock, with an AlertBook whose events go straight to the channel (the outbox's job in the bot).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { webApi } from "@slack/bolt";
import { alertBookFor } from "../../../src/alerts/alert-book-for.ts";
import type { AlertBook } from "../../../src/alerts/alert-book.ts";
import type { AlertEvent, AlertSignal } from "../../../src/alerts/types.ts";
import { loadConfig, type Config } from "../../../src/config/index.ts";
import type { OutboxItem, OutboxPayload } from "../../../src/notify/delivery-types.ts";
import { SlackChannel } from "../../../src/slack/slack-channel.ts";
import { openStore, type Store } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import type { StandIn } from "../../helpers/slack-standin/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

export const ALERTS = "CALERTS";
export const REPORTS = "CREPORTS";

export interface ChannelFixture {
  channel: SlackChannel;
  book: AlertBook;
  store: Store;
  config: Config;
  events: AlertEvent[];
  advance(minutes: number): void;
  item(payload: OutboxPayload): OutboxItem;
}

let seq = 0;

export function channelFixture(standIn: StandIn, opts: { client?: webApi.WebClientOptions; slack?: Record<string, unknown> } = {}): ChannelFixture {
  const dir = tmpDir();
  mkdirSync(join(dir, "config"));
  const slack = opts.slack ?? { alertChannel: ALERTS, reportChannel: REPORTS };
  writeFileSync(join(dir, "config", "oyster.json"), JSON.stringify({ slack, guardian: { reminderMinutes: 60 } }));
  const config = loadConfig({ dir: join(dir, "config") }).config;
  let t = Date.parse("2026-11-27T09:00:00.000Z");
  const now = () => new Date(t);
  const store = openStore(dir, now);
  const client = new webApi.WebClient("xoxb-test", { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 }, timeout: 5000, ...opts.client });
  const channel = new SlackChannel({ client, db: store.db, config, now });
  const item = (payload: OutboxPayload): OutboxItem => ({ id: ++seq, key: `k${seq}`, payload, createdAt: now().toISOString(), attempts: 0 });
  const events: AlertEvent[] = [];
  const { log } = memoryLogger("silent");
  const notifier = {
    async notify(event: AlertEvent) {
      events.push(event);
      await channel.deliver(item({ kind: "alert-event", event }));
    },
  };
  const book = alertBookFor({ store, dataDir: dir, config, log, now }, notifier);
  return { channel, book, store, config, events, item, advance: (m) => (t += m * 60_000) };
}

export function failing(node: string, over: Partial<AlertSignal> = {}): AlertSignal {
  return { source: "guardian", check: "node_availability", node, severity: "critical", message: `${node} unreachable`, attempts: 1, ...over };
}

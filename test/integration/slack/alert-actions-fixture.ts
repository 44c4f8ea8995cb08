// The bot's pieces as main.ts wires them, over a rig: the real Bolt app (Socket Mode) against the
// Slack stand-in, alerts delivered by a SlackChannel over the app's own client, and the guardian
// and the commands reaching real sshd nodes whose systemctl is the rig's recording shim.
import { commands } from "../../../commands/index.ts";
import { runGuardian } from "../../../jobs/guardian/run-guardian.ts";
import { alertBookFor } from "../../../src/alerts/alert-book-for.ts";
import type { AlertBook } from "../../../src/alerts/alert-book.ts";
import type { AlertEvent } from "../../../src/alerts/types.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { SlackChannel } from "../../../src/slack/slack-channel.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { blockActionsPayload, startStandIn, type StandIn, type StoredMessage } from "../../helpers/slack-standin/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

export const ALERTS = "CALERTS";
export const SERVICES = ["agent-daemon", "tool-proxy"];

type Button = { action_id: string; text: { text: string }; value: string };

export interface ActionsBot {
  rig: Rig;
  fleet: Fleet;
  rt: Runtime;
  standIn: StandIn;
  book: AlertBook;
  /** One guardian run with fixes, as the scheduled job does it, for one check on one node. */
  guard(node: string): ReturnType<typeof runGuardian>;
  /** A click on a button of a message in the alert channel; resolves with the response_url answer it got. */
  click(user: string, actionId: string, value: string, ts: string): Promise<Record<string, unknown>>;
  message(ts: string): StoredMessage;
  /** Every button of a message, in order. */
  buttons(ts: string): Button[];
  /** Audit rows of one command: [who, decision, outcome]. */
  audit(command: string): string[][];
  close(): Promise<void>;
}

export async function startActionsBot(): Promise<ActionsBot> {
  const rig = await startRig(2, { services: SERVICES });
  const fleet = makeFleet(rig, { services: SERVICES, oyster: { slack: { alertChannel: ALERTS }, roles: { operators: ["UOPER"] } } });
  const standIn = await startStandIn();
  const rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
  const now = () => new Date();
  const dataDir = rt.env.dataDir;
  const slack: SlackApp = createSlackApp(
    { enabled: true, mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: standIn.apiUrl },
    { config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log, env: fleet.env, dataDir, commands, now },
    { port: 0 },
  );
  await slack.start();
  await standIn.waitForSocket();
  // Each alert its own message, so each test watches one.
  const channel = new SlackChannel({ client: slack.app.client, db: rt.store.db, config: rt.config, now, groupWindowMs: 0 });
  let seq = 0;
  const notifier = { notify: (event: AlertEvent) => channel.deliver({ id: ++seq, key: `k${seq}`, payload: { kind: "alert-event", event }, createdAt: now().toISOString(), attempts: 0 }) };
  const book = alertBookFor({ store: rt.store, dataDir, config: rt.config, log: rt.log, now }, notifier);
  slack.setDelivery({ notifier });
  const message = (ts: string) => standIn.messages(ALERTS).find((m) => m.ts === ts)!;

  return {
    rig, fleet, rt, standIn, book, message,
    guard: (node) => runGuardian({ config: rt.config, ssh: rt.ssh, store: rt.store, log: rt.log, now, dataDir, env: fleet.env, alerts: book }, { fix: true, check: "node_availability", node }),
    async click(user, actionId, value, ts) {
      const before = standIn.responses.length;
      await standIn.interaction(blockActionsPayload({ user_id: user, channel_id: ALERTS, action_id: actionId, value, response_url: standIn.responseUrl(), message_ts: ts }));
      return waitUntil(() => standIn.responses.length > before && standIn.responses[before]!.body, `an answer to ${user}'s click on ${actionId}`, 30_000);
    },
    buttons: (ts) => ((message(ts).blocks ?? []) as Array<{ type: string; elements?: Button[] }>).filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []),
    audit: (command) => rt.store.audit.since(new Date(0)).filter((r) => r.command === command).map((r) => [r.who, r.decision, r.outcome]),
    async close() {
      await slack.stop();
      await rt.close();
      await standIn.close();
      await rig.close();
    },
  };
}

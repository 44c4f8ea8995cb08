// A delivery path as every Oyster process wires it, minus the network: a real state.db, the
// AlertBook whose notifier is the Deliverer, the outbox, the SilenceGate, and two fake channels
// (Slack first, then email). One fake clock drives the book, the outbox and the silences.
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import type { AlertSignal } from "../../../src/alerts/types.ts";
import { Deliverer } from "../../../src/notify/deliverer.ts";
import { Outbox } from "../../../src/notify/outbox.ts";
import { tagsFrom } from "../../../src/silences/match.ts";
import { SilenceGate } from "../../../src/silences/silence-gate.ts";
import { SilenceTable } from "../../../src/silences/silence-table.ts";
import type { SilenceMatch } from "../../../src/silences/types.ts";
import { openStore } from "../../../src/store/index.ts";
import { FakeChannel } from "../../helpers/fake-channel.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

export const MINUTE = 60_000;

export function gateRig(nodes: Array<{ name: string; tags?: string[] }> = []) {
  const dir = tmpDir();
  let t = Date.parse("2026-11-27T09:00:00.000Z");
  const now = () => new Date(t);
  const store = openStore(dir, now);
  const { log, lines } = memoryLogger("info");
  const slack = new FakeChannel("slack");
  const email = new FakeChannel("email");
  const outbox = new Outbox(store.db, now);
  const gate = new SilenceGate({ db: store.db, tagsOf: tagsFrom(() => nodes) });
  const deliverer = new Deliverer({ outbox, channels: [slack, email], log, now, gate });
  const book = new AlertBook(store, { dataDir: dir, notifier: deliverer, now, reminderMinutes: 60, retentionDays: 7, log });
  const silences = new SilenceTable(store.db);
  return {
    store, outbox, deliverer, book, silences, slack, email, lines, now,
    advance: (ms: number) => void (t += ms),
    /** A guardian sighting of node_availability failing on `node`, then a delivery round. */
    async sighting(node: string, extra: Partial<AlertSignal> = {}) {
      const alert = await book.raise({ source: "guardian", check: "node_availability", node, severity: "critical", message: `${node} does not answer`, attempts: 0, ...extra });
      await deliverer.drain();
      return alert;
    },
    silence(match: Partial<SilenceMatch>, durationMs: number, reason?: string) {
      return silences.add({ match: { node: [], tag: [], check: [], source: [], ...match }, by: "cli:ops", startsAt: now(), durationMs, ...(reason ? { reason } : {}) });
    },
    /** Keys that went out, by any channel. */
    sent: () => [...slack.keys(), ...email.keys()],
  };
}

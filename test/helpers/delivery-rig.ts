import { Deliverer } from "../../src/notify/deliverer.ts";
import { Outbox } from "../../src/notify/outbox.ts";
import { openStore } from "../../src/store/index.ts";
import { alertEvent } from "./alert-events.ts";
import { FakeChannel } from "./fake-channel.ts";
import { memoryLogger } from "./quiet-log.ts";
import { tmpDir } from "./tmp-dir.ts";

/**
 * A Deliverer over a real state.db in `dir` with a fake clock, a Slack stand-in and a fake email
 * channel (both succeed until told to fail). A second rig over the same dir is a restarted bot.
 */
export function deliveryRig(dir = tmpDir(), opts: { secrets?: string[] } = {}) {
  let t = Date.parse("2026-03-01T10:00:00.000Z");
  const clock = { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
  const slack = new FakeChannel("slack");
  const email = new FakeChannel("email");
  const { log, lines } = memoryLogger("info");
  const outbox = new Outbox(openStore(dir).db, clock.now);
  const deliverer = new Deliverer({ outbox, channels: [slack, email], log, now: clock.now, ...opts });
  return { dir, clock, slack, email, outbox, deliverer, lines };
}

/** A raise of alert `id`, seen at 10:<minute>: distinct minutes make distinct events. */
export const raiseAt = (id: string, minute = 0) => alertEvent("raised", { id, last_seen: `2026-03-01T10:${String(minute).padStart(2, "0")}:00.000Z` });

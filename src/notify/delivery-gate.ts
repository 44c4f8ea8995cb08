import type { Logger } from "../log.ts";
import type { OutboxItem } from "./delivery-types.ts";
import type { Outbox } from "./outbox.ts";

/**
 * A say over delivery that is not the channels' (silences, src/silences): asked about each item
 * as it is about to go out, so what was queued before a silence began is held back too.
 */
export interface DeliveryGate {
  /**
   * Why this item must not be sent now, or undefined to send it. A held item is recorded in the
   * outbox as done (`delivered_via` = `silenced`, the reason in `last_error`) and sent nowhere.
   */
  hold(item: OutboxItem, now: Date): string | undefined;
  /** Once per delivery round, before items are claimed: may queue items (what a silence's end releases). */
  beforeRound?(outbox: Outbox, now: Date): void;
}

// A gate that fails must not stop delivery: the round goes on as if it had nothing to say.
export function gateRound(gate: DeliveryGate | undefined, outbox: Outbox, now: Date, log: Logger): void {
  try {
    gate?.beforeRound?.(outbox, now);
  } catch (err) {
    log.error({ err }, "delivery gate round failed");
  }
}

/** True when the gate held the item: recorded as silenced, sent nowhere. A failing gate sends it. */
export function heldByGate(gate: DeliveryGate | undefined, outbox: Outbox, item: OutboxItem, now: Date, log: Logger): boolean {
  let reason: string | undefined;
  try {
    reason = gate?.hold(item, now);
  } catch (err) {
    log.error({ err, outbox: item.id }, "delivery gate failed; sending");
  }
  if (reason === undefined) return false;
  outbox.markSilenced(item.id, reason);
  log.info({ outbox: item.id, key: item.key, reason }, "notification silenced");
  return true;
}

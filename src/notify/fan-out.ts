import type { AlertEvent, Notifier } from "../alerts/types.ts";

/** Hands every alert event to each notifier (the log line and the outbox, say). */
export class FanOutNotifier implements Notifier {
  private readonly notifiers: Notifier[];
  constructor(...notifiers: Notifier[]) {
    this.notifiers = notifiers;
  }

  async notify(event: AlertEvent): Promise<void> {
    await Promise.all(this.notifiers.map((n) => n.notify(event)));
  }
}

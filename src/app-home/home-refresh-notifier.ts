import type { AlertEvent, Notifier } from "../alerts/types.ts";

/** What the notifier tells: that the Home's alert list changed (src/app-home/home-publisher.ts). */
export interface AlertChangeListener {
  alertChanged(): void;
}

/**
 * The process's notifier, plus a Home refresh on every change of an alert's state (raised,
 * updated, acknowledged, snoozed, resolved). A reminder changes nothing the Home shows. The
 * refresh is only scheduled here (coalesced by the publisher), so delivery never waits on it.
 */
export function withHomeRefresh(inner: Notifier, home: AlertChangeListener | undefined): Notifier {
  if (!home) return inner;
  return {
    async notify(event: AlertEvent) {
      if (event.kind !== "reminder") home.alertChanged();
      await inner.notify(event);
    },
  };
}

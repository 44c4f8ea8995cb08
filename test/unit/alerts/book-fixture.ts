import { join } from "node:path";
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import type { AlertEvent, AlertSignal, Notifier } from "../../../src/alerts/types.ts";
import { openStore, type Store } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

/** A notifier that records events and can be told to fail, as Slack and email will. */
export class RecordingNotifier implements Notifier {
  events: AlertEvent[] = [];
  failing = false;
  async notify(event: AlertEvent): Promise<void> {
    if (this.failing) throw new Error("delivery down");
    this.events.push(structuredClone(event));
  }
  kinds(): string[] {
    return this.events.map((e) => `${e.kind} ${e.alert.id}`);
  }
}

export interface BookFixture {
  book: AlertBook;
  store: Store;
  dataDir: string;
  notifier: RecordingNotifier;
  lines: string[];
  /** Moves the fake clock forward. */
  advance(minutes: number): void;
  now(): Date;
}

export const T0 = new Date("2025-03-01T10:00:00.000Z");

/** A real state.db in a temp dir, a fake clock and a recording notifier. */
export function bookFixture(opts: { reminderMinutes?: number; retentionDays?: number; flapMinutes?: number } = {}): BookFixture {
  const dataDir = tmpDir();
  const store = openStore(dataDir);
  const notifier = new RecordingNotifier();
  const { log, lines } = memoryLogger("debug");
  let t = T0.getTime();
  const now = () => new Date(t);
  const book = new AlertBook(store, {
    dataDir,
    notifier,
    now,
    log,
    reminderMinutes: opts.reminderMinutes ?? 60,
    ...(opts.flapMinutes === undefined ? {} : { flapMinutes: opts.flapMinutes }),
    retentionDays: opts.retentionDays ?? 7,
  });
  return { book, store, dataDir, notifier, lines, now, advance: (m) => (t += m * 60_000) };
}

export function signal(over: Partial<AlertSignal> = {}): AlertSignal {
  return { source: "guardian", check: "node_availability", node: "node-1", severity: "critical", message: "node-1 unreachable", attempts: 0, ...over };
}

export function alertsDirOf(f: BookFixture): string {
  return join(f.dataDir, "guardian_alerts");
}

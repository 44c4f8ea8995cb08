import type { CommandContext } from "../command/types.ts";
import { LogNotifier } from "../notify/log-notifier.ts";
import { AlertBook } from "./alert-book.ts";
import type { Notifier } from "./types.ts";

/** What the book needs from a command's or a job's context. */
export type AlertBookContext = Pick<CommandContext, "store" | "dataDir" | "config" | "log" | "now"> & { notifier?: Notifier };

/**
 * The one way the guardian and the commands build the book, so both use the same settings. The
 * notifier is the context's (the outbox, then Slack / email), else the log.
 */
export function alertBookFor(ctx: AlertBookContext, notifier: Notifier = ctx.notifier ?? new LogNotifier(ctx.log)): AlertBook {
  return new AlertBook(ctx.store, {
    dataDir: ctx.dataDir,
    notifier,
    reminderMinutes: ctx.config.oyster.guardian.reminderMinutes,
    flapMinutes: ctx.config.oyster.guardian.flapMinutes,
    retentionDays: ctx.config.guardian.backup_retention_days,
    now: ctx.now,
    log: ctx.log,
  });
}

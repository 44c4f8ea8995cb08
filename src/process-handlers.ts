import type { Logger } from "./log.ts";

type RejectionSource = Pick<NodeJS.Process, "on" | "off">;

/**
 * A library failing inside a timer (Slack's socket client does, on a long outage) must not take
 * the scheduler and the guardian down: the rejection is logged and the process keeps running.
 * Through the logger, not straight to stderr: a rejection's message can carry a token or a
 * provider key, and the logger scrubs every secret it was given. Returns the uninstaller.
 */
export function installRejectionLogger(log: Logger, proc: RejectionSource = process, onReason?: (reason: unknown) => void): () => void {
  const handler = (reason: unknown) => {
    if (reason instanceof Error) log.error({ err: reason }, "unhandled rejection (kept running)");
    else log.error({ reason: String(reason) }, "unhandled rejection (kept running)");
    // The bot's data dir watch hears of writes that failed for lack of space (src/health).
    onReason?.(reason);
  };
  proc.on("unhandledRejection", handler);
  return () => void proc.off("unhandledRejection", handler);
}

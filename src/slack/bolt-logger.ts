import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../log.ts";

/** Bolt's logger interface over our pino child, so Slack's own messages land in oyster.log. */
export function boltLogger(log: Logger): BoltLogger {
  let level: LogLevel = LogLevel.WARN;
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  return {
    debug: (...args) => log.debug({ bolt: text(args) }, "slack"),
    info: (...args) => log.info({ bolt: text(args) }, "slack"),
    warn: (...args) => log.warn({ bolt: text(args) }, "slack"),
    error: (...args) => log.error({ bolt: text(args) }, "slack"),
    setLevel: (l) => (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}

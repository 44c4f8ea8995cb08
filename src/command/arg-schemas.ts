import { z } from "zod";
import { NODE_NAME_RE, parseDuration } from "../config/index.ts";

/** A node name as the contract spells them; whether it is configured is checked against config. */
export const nodeName = z.string().regex(NODE_NAME_RE, { message: "not a valid node name (letters, digits, . _ -)" });

/** No positional words at all. */
export const noPositionals = z.array(z.string()).max(0, { message: "this command takes no positional arguments" });

/** `30m`, `1h`, `24h`, `7d` → milliseconds, at most `maxDays` days (30 unless given). */
export function durationUpTo(maxDays?: number) {
  return z.string().transform((text, ctx) => {
    try {
      return maxDays === undefined ? parseDuration(text) : parseDuration(text, maxDays * 86_400_000);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
      return z.NEVER;
    }
  });
}

/** A snooze-like duration: up to 30 days. */
export const duration = durationUpTo();

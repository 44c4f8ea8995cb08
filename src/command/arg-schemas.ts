import { z } from "zod";
import { NODE_NAME_RE, parseDuration } from "../config/index.ts";

/** A node name as the contract spells them; whether it is configured is checked against config. */
export const nodeName = z.string().regex(NODE_NAME_RE, { message: "not a valid node name (letters, digits, . _ -)" });

/** No positional words at all. */
export const noPositionals = z.array(z.string()).max(0, { message: "this command takes no positional arguments" });

/** `30m`, `1h`, `24h`, `7d` → milliseconds. */
export const duration = z.string().transform((text, ctx) => {
  try {
    return parseDuration(text);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: (err as Error).message });
    return z.NEVER;
  }
});

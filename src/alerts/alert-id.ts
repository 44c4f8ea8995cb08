import { z } from "zod";
import { OysterError } from "../errors.ts";

/** `A` and the alert's sequence number: short enough to type in `oyster ack A12`. */
export const ALERT_ID_RE = /^A\d+$/;

export function formatAlertId(seq: number): string {
  return `A${seq}`;
}

/** A malformed id is a usage error (exit 2) before any look-up. */
export function checkAlertId(id: string): string {
  if (!ALERT_ID_RE.test(id)) throw new OysterError("InvalidArgument", `"${id}" is not an alert id (like A12)`, { id });
  return id;
}

/** The same rule as a command argument, so the usage line is shown with the problem. */
export const alertIdArg = z.string().regex(ALERT_ID_RE, { message: "not an alert id (like A12)" });

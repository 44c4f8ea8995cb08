import { z } from "zod";
import { OysterError } from "../errors.ts";

/** `S` and a sequence number, like alert ids (`A12`): short enough to type in `silence remove S3`. */
export const SILENCE_ID_RE = /^S\d+$/;

export function formatSilenceId(seq: number): string {
  return `S${seq}`;
}

/** A malformed id is a usage error (exit 2) before any look-up. */
export function checkSilenceId(id: string): string {
  if (!SILENCE_ID_RE.test(id)) throw new OysterError("InvalidArgument", `"${id}" is not a silence id (like S3)`, { id });
  return id;
}

export const silenceIdArg = z.string().regex(SILENCE_ID_RE, { message: "not a silence id (like S3)" });

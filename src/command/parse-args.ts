import { parseArgs } from "node:util";
import type { z } from "zod";
import { OysterError } from "../errors.ts";
import type { AnyCommand, RawArgs } from "./types.ts";

/** Splits `--flag value` words against the command's declared options; unknown flags are errors. */
export function parseWords(cmd: AnyCommand, words: string[]): RawArgs {
  const options = Object.fromEntries(
    Object.entries(cmd.options ?? {}).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]),
  );
  try {
    const { values, positionals } = parseArgs({ args: words, options, allowPositionals: true, strict: true });
    return { ...(values as Record<string, string | boolean | string[]>), _: positionals };
  } catch (err) {
    throw new OysterError("UsageError", `${(err as Error).message.replace(/\. To specify a positional.*$/s, "")}\nusage: oyster ${cmd.usage}`, { command: cmd.name });
  }
}

function describeIssue(issue: z.core.$ZodIssue, raw: RawArgs): string {
  const [key, index] = issue.path;
  if (key === "_" && typeof index === "number") return `"${raw._[index]}": ${issue.message}`;
  if (key === "_" || key === undefined) return `arguments: ${issue.message}`;
  return `--${String(key)}: ${issue.message}`;
}

/** Validates raw words with the command's schema; every problem named, then the usage line. */
export function validateArgs<A>(cmd: AnyCommand, raw: RawArgs): A {
  const parsed = cmd.schema.safeParse(raw);
  if (parsed.success) return parsed.data as A;
  const problems = parsed.error.issues.map((i) => describeIssue(i, raw));
  throw new OysterError("InvalidArgument", `${problems.join("; ")}\nusage: oyster ${cmd.usage}`, { command: cmd.name, problems });
}

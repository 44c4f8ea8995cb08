import { parseArgs } from "node:util";
import type { z } from "zod";
import { OysterError } from "../errors.ts";
import { quoteWord, wordProblem } from "./quote-word.ts";
import type { AnyCommand, RawArgs } from "./types.ts";

/**
 * The longest word any command takes (a `--reason`, a path on a node). A name, path or reason is
 * never longer; a 100 KB argument is a paste gone wrong or an attack, and is refused before any
 * schema, look-up or message quotes it back.
 */
export const MAX_WORD_CHARS = 1024;

/** `--reason` for the value of a string option (`--reason x` or `--reason=x`), else the word quoted. */
function wordLabel(cmd: AnyCommand, words: string[], i: number): string {
  const word = words[i]!;
  const eq = /^--([^=]+)=/.exec(word);
  if (eq && cmd.options?.[eq[1]!]) return `--${eq[1]}`;
  const prev = i > 0 ? /^--(.+)$/.exec(words[i - 1]!) : null;
  if (prev && cmd.options?.[prev[1]!]?.type === "string") return `--${prev[1]}`;
  return quoteWord(word);
}

/**
 * Every word on its own, before anything reads it: too long, a control character (NUL, ESC, CR,
 * newline) or a text-direction mark. The same for every command and every caller (CLI, Slack,
 * a button), so no command's schema has to remember it, and nothing that quotes a word back
 * (an error, the audit, a plan) ever carries one. Every problem is named at once.
 */
export function checkWords(cmd: AnyCommand, words: string[]): void {
  const problems: string[] = [];
  words.forEach((word, i) => {
    const problem = wordProblem(word, MAX_WORD_CHARS);
    if (problem !== undefined) problems.push(`${wordLabel(cmd, words, i)}: ${problem}`);
  });
  if (problems.length > 0) throw new OysterError("InvalidArgument", `${problems.join("; ")}\nusage: oyster ${cmd.usage}`, { command: cmd.name, problems });
}

/** Splits `--flag value` words against the command's declared options; unknown flags are errors. */
export function parseWords(cmd: AnyCommand, words: string[]): RawArgs {
  checkWords(cmd, words);
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
  if (key === "_" && typeof index === "number") return `${quoteWord(raw._[index] ?? "")}: ${issue.message}`;
  // The words themselves, so the message names what was typed, not only what was expected.
  if (key === "_" || key === undefined) return `arguments${raw._.length ? ` (${raw._.map((w) => quoteWord(w)).join(" ")})` : ""}: ${issue.message}`;
  return `--${String(key)}: ${issue.message}`;
}

/** Validates raw words with the command's schema; every problem named, then the usage line. */
export function validateArgs<A>(cmd: AnyCommand, raw: RawArgs): A {
  const parsed = cmd.schema.safeParse(raw);
  if (parsed.success) return parsed.data as A;
  const problems = parsed.error.issues.map((i) => describeIssue(i, raw));
  throw new OysterError("InvalidArgument", `${problems.join("; ")}\nusage: oyster ${cmd.usage}`, { command: cmd.name, problems });
}

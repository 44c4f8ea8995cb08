import type { z } from "zod";

const IDENTIFIER_RE = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

const MAX_KEY_SHOWN = 60;

function shortKey(key: string): string {
  const chars = [...key];
  return chars.length <= MAX_KEY_SHOWN ? JSON.stringify(key) : `${JSON.stringify(chars.slice(0, MAX_KEY_SHOWN).join("")).slice(0, -1)}..." (${chars.length} characters)`;
}

/** `nodes[2].name`, `ssh.connectTimeoutMs`, `(file)` for the document itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(file)";
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (typeof segment === "string" && segment.length <= MAX_KEY_SHOWN && IDENTIFIER_RE.test(segment)) text += text === "" ? segment : `.${segment}`;
    // A key is whatever the file holds (an unknown one may be megabytes long): quoted and cut.
    else text += `[${shortKey(String(segment))}]`;
  }
  return text;
}

/** Real errors from the non-strict parse, as `file: path: message`. */
export function toProblems(file: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${file}: ${formatPath(issue.path)}: ${issue.message}`);
}

/**
 * Unknown keys from the strict parse, one warning per key. Other issues of the strict parse
 * are ignored: the non-strict parse reports them already.
 */
export function toWarnings(file: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => `${file}: ${formatPath([...issue.path, key])}: unknown key (ignored)`)
      : [],
  );
}

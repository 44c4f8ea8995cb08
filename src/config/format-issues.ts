import type { z } from "zod";

const IDENTIFIER_RE = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `nodes[2].name`, `ssh.connectTimeoutMs`, `(file)` for the document itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(file)";
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (typeof segment === "string" && IDENTIFIER_RE.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
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

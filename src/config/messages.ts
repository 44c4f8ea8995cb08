/**
 * Message builders for config problems. Zod's own wording ("Invalid input: expected number,
 * received string") hides the offending value; operators fix files faster when the message
 * quotes what they wrote, so every field schema reports `expected X, got <value>`.
 */

const MAX_SHOWN = 60;

/** Renders a value from a config file the way it would appear in JSON, shortened. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  return shorten(asJson(value));
}

/**
 * Like `show`, for a value meant to be a URL: everything from after `scheme://` (or from the
 * start) up to the last `@` becomes `***`, before shortening. Userinfo, password included, always
 * ends at an `@`, so no part of a password is printed, even in a value too broken to parse; an
 * `@` elsewhere only hides more than needed.
 */
export function showUrl(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value !== "string") return shorten(hideUserinfo(asJson(value)));
  return shorten(JSON.stringify(hideUserinfo(value)));
}

function hideUserinfo(text: string): string {
  const at = text.lastIndexOf("@");
  if (at < 0) return text;
  const scheme = text.indexOf("://");
  const from = scheme >= 0 && scheme < at ? scheme + 3 : 0;
  return `${text.slice(0, from)}***${text.slice(at)}`;
}

function asJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}

interface IssueLike {
  code?: string;
  input?: unknown;
}

/** An error function for zod's `error` option: `expected <what>, got <value>`. */
export function expected(what: string) {
  return (issue: IssueLike): string =>
    issue.input === undefined ? `required: expected ${what}` : `expected ${what}, got ${show(issue.input)}`;
}

/** Like `expected`, but only for type mismatches; other issues keep their own message. */
export function expectedType(what: string) {
  const message = expected(what);
  return (issue: IssueLike): string | undefined => (issue.code === "invalid_type" ? message(issue) : undefined);
}

/** For pattern checks, where showing the pattern is clearer than a prose description. */
export function mustMatch(pattern: RegExp) {
  return (issue: IssueLike): string => `${show(issue.input)} must match ${pattern.source}`;
}

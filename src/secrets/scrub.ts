/**
 * Shorter values are not scrubbed: replacing every "abc" would mangle ordinary words and still
 * give the secret away by where the gaps are. Such a secret is warned about at start instead.
 */
export const MIN_SECRET_LENGTH = 6;

export const REDACTED = "[REDACTED]";

/** Replaces every secret value in a text; catches secrets inside messages and stacks too. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= MIN_SECRET_LENGTH && out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` with every string in it scrubbed, at any depth of arrays and plain objects
 * (keys included). Anything else (numbers, dates, class instances) is kept as it is.
 */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === "string") return scrub(value, secrets) as T;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubDeep(v, secrets)) as T;
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k, secrets), scrubDeep(v, secrets)])) as T;
}

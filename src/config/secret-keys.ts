import { formatPath } from "./format-issues.ts";

// Names that usually hold a credential. Keys ending in `Env` are exempt: they name the
// environment variable that holds the secret, which is exactly what we want written down.
const SECRET_KEY_RE = /token|passw(or)?d|passphrase|secret|api[-_]?key|private[-_]?key/i;

function isSecretKey(key: string): boolean {
  return SECRET_KEY_RE.test(key) && !/Env$/.test(key);
}

/**
 * Finds keys that look like secrets at any depth. Committed config files get shared and
 * pasted into issues, so a secret there is refused outright rather than warned about.
 */
export function secretKeyProblems(file: string, value: unknown, path: PropertyKey[] = []): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => secretKeyProblems(file, item, [...path, index]));
  }
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const here = [...path, key];
    const own = isSecretKey(key)
      ? [`${file}: ${formatPath(here)}: looks like a secret; secrets never live in config files: set it in an environment variable (or .env) instead`]
      : [];
    return [...own, ...secretKeyProblems(file, inner, here)];
  });
}

import { showUrl } from "./messages.ts";

export type OriginCheck = { origin: string } | { problem: string };

/** What an origin field expects, as its messages say it. */
export const ORIGIN_WHAT = "an http(s) origin (scheme://host[:port])";

/** "a path", "a path and a query", "credentials, a path and a query". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * `value` as an http(s) origin, `scheme://host[:port]` with at most a trailing `/`, or why it is
 * not one. Oyster appends full API paths to such a URL, so a path in it would be sent twice
 * (`https://api.z.ai/api/paas/v4` + `/api/monitor/...`), and a query or fragment would swallow
 * the appended path. Credentials are refused too: secrets never go in config files. Messages
 * quote the value with its userinfo hidden (`showUrl`), so a password is never printed.
 */
export function checkOrigin(value: string): OriginCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `expected ${ORIGIN_WHAT}, got ${showUrl(value)}` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { problem: `expected ${ORIGIN_WHAT}, got ${showUrl(value)}` };
  // `search` and `hash` are "" for a bare `?` or `#`, which still cuts the appended path off:
  // read the serialized URL, where the first `#` starts the fragment and a `?` before it the query.
  const [beforeHash = "", ...fragment] = url.href.split("#");
  const extras: Array<[has: string, drop: string]> = [];
  if (url.username || url.password) extras.push(["credentials", "the credentials"]);
  if (url.pathname !== "/") extras.push(["a path", "the path"]);
  if (beforeHash.includes("?")) extras.push(["a query", "the query"]);
  if (fragment.length > 0) extras.push(["a fragment", "the fragment"]);
  if (extras.length === 0) return { origin: url.origin };
  const keys = url.username || url.password ? "; keys come from environment variables, never from config files" : "";
  return {
    problem:
      `${showUrl(value)} has ${listed(extras.map(([has]) => has))}, but must be ${ORIGIN_WHAT}: ` +
      `drop ${listed(extras.map(([, drop]) => drop))} and use ${JSON.stringify(url.origin)} (Oyster adds the API path itself)${keys}`,
  };
}

import { REDACTED, scrub } from "./scrub.ts";

/**
 * The secret parts of one URL, for the scrubber. A ping URL is itself a credential (whoever
 * holds a healthchecks.io URL can report the bot healthy), and an error message from fetch quotes
 * the URL whole, so every part that grants access is collected here: userinfo, token-like query
 * values, and the token segments of the ping services operators use.
 */
export interface UrlSecretPart {
  /** What it is, for the "too short to scrub" warning: never the value. */
  part: string;
  value: string;
}

/** Query parameter names that carry a credential (`token`, `key`, `apikey`, `access_token`, `sig`...). */
const SECRET_PARAM_RE = /token|key|secret|pass|auth|sig|credential|session/i;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A value nobody would type: a UUID, or 16+ characters mixing letters and digits. A value with
 * separators (`-`, `_`, `.`) must also mix upper and lower case, so that a readable slug such as
 * `nightly-backup-2024` is left alone while a base64url key such as `fqOOd6-F4MMNuCEnzTU01w` is not.
 */
export function looksRandom(value: string): boolean {
  if (UUID_RE.test(value)) return true;
  if (value.length < 16 || !/^[A-Za-z0-9_~.+/=-]+$/.test(value)) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return !/[-_.]/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value));
}

function isHost(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * The path segments that are tokens by the services' own URL schemes, plus any that look random:
 * healthchecks.io (`hc-ping.com/<uuid>`, `hc-ping.com/<ping-key>/<slug>`, and `/ping/<uuid>` on
 * healthchecks.io or a self-hosted instance), Uptime Kuma (`/api/push/<token>`), Cronitor
 * (`cronitor.link/p/<key>/<monitor>`, older `cronitor.link/<code>/...`), Better Stack
 * (`/api/v1/heartbeat/<token>`).
 */
function pathTokens(url: URL): string[] {
  const segs = url.pathname.split("/").filter(Boolean);
  const host = url.hostname.toLowerCase();
  const tokens: Array<string | undefined> = [];
  if (isHost(host, "hc-ping.com") || isHost(host, "hchk.io")) tokens.push(segs[0]);
  if (segs[0] === "ping") tokens.push(segs[1]);
  if (segs[0] === "api" && segs[1] === "push") tokens.push(segs[2]);
  if (isHost(host, "cronitor.link") || isHost(host, "cronitor.io")) tokens.push(segs[0] === "p" ? segs[1] : segs[0]);
  if (segs[0] === "api" && segs[1] === "v1" && segs[2] === "heartbeat") tokens.push(segs[3]);
  tokens.push(...segs.filter(looksRandom));
  return tokens.filter((t): t is string => Boolean(t));
}

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/** Each value as written in the URL and as decoded: either can show up in a message. */
function withDecoded(part: string, raw: string): UrlSecretPart[] {
  const values = new Set([raw, decoded(raw)]);
  return [...values].filter(Boolean).map((value) => ({ part, value }));
}

function parse(url: string | URL): URL | undefined {
  try {
    return url instanceof URL ? url : new URL(url);
  } catch {
    return undefined;
  }
}

/** Every secret part of `url` (nothing for a value that does not parse as a URL). */
export function urlSecretParts(url: string | URL): UrlSecretPart[] {
  const u = parse(url);
  if (!u) return [];
  const parts: UrlSecretPart[] = [];
  // `https://TOKEN@host` puts the secret in the user name; with a password, the name is only a name.
  if (u.password) parts.push(...withDecoded("password", u.password));
  else if (u.username) parts.push(...withDecoded("user name", u.username));
  // Raw pairs from the query as written: URLSearchParams would only give the decoded form.
  for (const pair of u.search.slice(1).split("&")) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    const [name, value] = [decoded(pair.slice(0, at)), pair.slice(at + 1)];
    if (value && (SECRET_PARAM_RE.test(name) || looksRandom(decoded(value)))) parts.push(...withDecoded(`query ${name}`, value));
  }
  for (const token of pathTokens(u)) parts.push(...withDecoded("path token", token));
  const seen = new Set<string>();
  return parts.filter((p) => !seen.has(p.value) && Boolean(seen.add(p.value)));
}

/** `url` with its userinfo dropped and its secret parts redacted: what a message may quote. */
export function redactedUrl(url: string | URL): string {
  const u = parse(url);
  if (!u) return REDACTED;
  const bare = new URL(u.href);
  bare.username = "";
  bare.password = "";
  return scrub(bare.href, longestFirst(urlSecretParts(u).map((p) => p.value)));
}

function longestFirst(values: string[]): string[] {
  return [...values].sort((a, b) => b.length - a.length);
}

/**
 * `text` (an error message from fetch, say) with `url` in any of its written forms replaced by
 * its redacted form and every secret part of it removed, whatever the text quotes.
 */
export function scrubUrlIn(text: string, url: string | URL): string {
  const u = parse(url);
  if (!u) return text;
  let out = text;
  for (const form of new Set([String(url), u.href])) out = out.split(form).join(redactedUrl(u));
  return scrub(out, longestFirst(urlSecretParts(u).map((p) => p.value)));
}

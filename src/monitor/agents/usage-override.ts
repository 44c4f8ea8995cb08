/** The variable a test sets to point the Claude usage call at a loopback stand-in. Nothing else can. */
export const USAGE_URL_ENV = "OYSTER_TEST_CLAUDE_USAGE_URL";

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** What the variable allows: nothing set, a loopback URL for the node's reader, or a refusal. */
export type UsageOverride = { url?: undefined; refused?: undefined } | { url: string; refused?: undefined } | { refused: string; url?: undefined };

/**
 * `OYSTER_TEST_CLAUDE_USAGE_URL`, accepted only as http(s) on 127.0.0.1, ::1 or localhost: a
 * token is sent to api.anthropic.com or to this machine, never elsewhere. Anything else refuses
 * every `claude` `oauth` read (rather than quietly falling back to the real endpoint), and the
 * node's reader checks the same again before it reads a token.
 */
export function usageOverride(env: NodeJS.ProcessEnv = process.env): UsageOverride {
  const raw = env[USAGE_URL_ENV];
  if (raw === undefined || raw === "") return {};
  let u: URL | undefined;
  try {
    u = new URL(raw);
  } catch {
    u = undefined;
  }
  if (!u || !["http:", "https:"].includes(u.protocol) || !LOOPBACK.has(u.hostname) || u.username || u.password) {
    return { refused: `refused ${USAGE_URL_ENV}=${raw.slice(0, 200)}: only http(s) on 127.0.0.1, ::1 or localhost may stand in for the usage endpoint; no token was read or sent` };
  }
  return { url: u.href };
}

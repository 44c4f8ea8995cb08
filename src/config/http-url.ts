import { showUrl } from "./messages.ts";

export type HttpUrlCheck = { url: string } | { problem: string };

export const HTTP_URL_WHAT = "an http(s) URL";

/**
 * `scheme://***@host/...`: how a URL with credentials is quoted. Not only the password is left
 * out but the path and query too: in a ping URL (`heartbeat.url`) they are the check's token, and
 * a config problem reaches Slack as an alert when the bot reloads.
 */
function showWithoutSecrets(url: URL): string {
  const rest = url.pathname !== "/" || url.search !== "" || url.hash !== "" ? "/..." : "";
  return JSON.stringify(`${url.protocol}//***@${url.host}${rest}`);
}

/**
 * `value` as an http(s) URL, or why it is not one. Credentials (`user:pass@`) are refused: config
 * files get shared and pasted, and fetch quotes a URL whole in its error messages, so a password
 * there would reach the log on every failed request. A value is quoted with its userinfo hidden
 * (`showUrl`), so no part of a password is ever printed.
 */
export function checkHttpUrl(value: string): HttpUrlCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `expected ${HTTP_URL_WHAT}, got ${showUrl(value)}` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { problem: `expected ${HTTP_URL_WHAT}, got ${showUrl(value)}` };
  if (url.username || url.password) {
    return {
      problem:
        `${showWithoutSecrets(url)} has credentials (user:pass@), which are refused: secrets never live in config files, ` +
        "and a URL's credentials end up in error messages; drop them from the URL",
    };
  }
  return { url: value };
}

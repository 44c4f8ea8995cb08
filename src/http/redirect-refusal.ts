/** A redirect that was not followed: its status and where it pointed, by host only. */
export interface RedirectRefusal {
  status: number;
  /** `host[:port]` of the Location, or "an unreadable Location"; never its path or query. */
  host: string;
  /** One line for logs, readings and alerts. */
  detail: string;
}

/**
 * The redirect in `res` (a 3xx with a Location), or undefined for any other answer. Only the
 * host is kept: a Location may carry a token of its own (a signed download URL, say), and the
 * host is what an operator needs to see where the request was being sent.
 */
export function redirectRefusal(res: Response, requested: string | URL): RedirectRefusal | undefined {
  if (res.status < 300 || res.status > 399) return undefined;
  const location = res.headers.get("location");
  if (location === null) return undefined;
  let host: string;
  try {
    host = new URL(location, requested).host || "an unreadable Location";
  } catch {
    host = "an unreadable Location";
  }
  return {
    status: res.status,
    host,
    detail: `redirect not followed: HTTP ${res.status} to ${host} (the request carries a credential)`,
  };
}

/** Where Claude Code keeps its login on Linux (macOS keeps it in the keychain: not read). */
export const CLAUDE_CREDENTIALS_FILE = ".credentials.json";

/** The one place a token is sent. Fixed here, not configurable: only a loopback stand-in may replace it. */
export const CLAUDE_USAGE_URL = "https://api.anthropic.com/api/oauth/usage";

/**
 * Claude `oauth`: the usage endpoint, called from the node with the node's own Claude Code login.
 * The token is read from `<dir>/.credentials.json` inside this process and goes into one request
 * header only: never into an argv or environment (`ps` would show it), never written, refreshed
 * or printed (the body is scrubbed of it, error texts too). `REQ["claudeUsageUrl"]` may point the
 * call at a test stand-in, and only at loopback: anything else is refused before the token is
 * even read. http.client, not urllib: it follows no redirect (a 3xx could carry the Authorization
 * header elsewhere) and reads no proxy variables. The User-Agent says what calls: `oyster`.
 * The answer goes back as it came (status, body, Retry-After); the controller words it.
 */
export const CLAUDE_OAUTH_PY = String.raw`
import http.client, signal, socket, ssl, urllib.parse

CLAUDE_USAGE_URL = "${CLAUDE_USAGE_URL}"
CLAUDE_LOOPBACK = ("127.0.0.1", "::1", "localhost")
CLAUDE_BODY_MAX = 64 * 1024
CLAUDE_T0 = time.monotonic()

class ClaudeDeadline(Exception):
    pass

def claude_usage_target():
    u = REQ.get("claudeUsageUrl")
    if u is None:
        return CLAUDE_USAGE_URL, None
    u = str(u)
    try:
        p = urllib.parse.urlsplit(u)
        host, _ = p.hostname, p.port
    except ValueError:
        host = None
    if host not in CLAUDE_LOOPBACK or p.scheme not in ("http", "https") or p.username or p.password:
        return None, "refused claudeUsageUrl %s: only http(s) on 127.0.0.1, ::1 or localhost may stand in for %s; no token was read or sent" % (u[:200], CLAUDE_USAGE_URL)
    return u, None

def claude_token(p):
    try:
        creds = json.loads(read_small(p))
    except (OSError, ValueError):
        # Never the file's text or the parser's message: both may hold the token.
        return None, "unreadable"
    o = creds.get("claudeAiOauth") if isinstance(creds, dict) else None
    t = o.get("accessToken") if isinstance(o, dict) else None
    if not isinstance(t, str) or not t:
        return None, "no_token"
    if any(ord(c) < 33 or ord(c) > 126 for c in t):
        return None, "malformed"
    return t, None

def claude_clean(text, token):
    return text.replace(token, "[token]") if token else text

def claude_deadline(signum, frame):
    raise ClaudeDeadline()

def claude_get(url, token):
    # One budget for the node's whole reader (below the SSH command's timeout), so a slow endpoint
    # ends as "no answer" here rather than as a killed command that says nothing.
    left = float(REQ.get("httpTimeoutMs") or 7000) / 1000.0 - (time.monotonic() - CLAUDE_T0)
    if left < 0.5:
        return fail("timeout", "no time left to call the usage endpoint")
    p = urllib.parse.urlsplit(url)
    if p.scheme == "https":
        conn = http.client.HTTPSConnection(p.hostname, p.port or 443, timeout=left, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(p.hostname, p.port or 80, timeout=left)
    path = (p.path or "/") + ("?" + p.query if p.query else "")
    headers = {"Authorization": "Bearer " + token, "anthropic-beta": "oauth-2025-04-20", "Accept": "application/json", "User-Agent": "oyster"}
    old = signal.signal(signal.SIGALRM, claude_deadline)
    signal.setitimer(signal.ITIMER_REAL, left)
    try:
        conn.request("GET", path, headers=headers)
        r = conn.getresponse()
        raw = r.read(CLAUDE_BODY_MAX + 1)
    except (ClaudeDeadline, socket.timeout):
        return fail("timeout", "no answer from the usage endpoint within %.0f s" % left)
    except (OSError, http.client.HTTPException) as e:
        return fail("network", "usage endpoint unreachable: %s: %s" % (type(e).__name__, claude_clean(str(e), token)[:300]))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        conn.close()
    text = claude_clean(raw[:CLAUDE_BODY_MAX].decode("utf-8", "replace"), token)
    try:
        body = json.loads(text)
    except ValueError:
        body = text[:2000]
    return ok(iso(time.time()), {"status": r.status, "body": body, "retryAfter": r.getheader("retry-after")})

def read_claude_oauth(d, a):
    url, refused = claude_usage_target()
    if refused:
        return fail("refused", refused)
    p = os.path.join(d, "${CLAUDE_CREDENTIALS_FILE}")
    if not os.path.isfile(p):
        return ok(None, {"login": "missing", "path": p})
    token, why = claude_token(p)
    if token is None:
        return ok(None, {"login": why, "path": p})
    try:
        return claude_get(url, token)
    except Exception as e:
        # The frame would print str(e); here it is cleaned of the token first.
        return fail("failed", "%s: %s" % (type(e).__name__, claude_clean(str(e), token)[:300]))
`;

/** The feed file Oyster's status-line hook writes (install-agent-hooks), in the agent's dir. */
export const CLAUDE_FEED_FILE = "oyster-rate-limits.json";

/**
 * Claude `statusline`: the feed Oyster's hook writes from what Claude Code passes its status
 * line, `{"version": 1, "written_at": <ISO>, "rate_limits": {...}}`. Read as it is: the controller
 * parses it (and says so when it is not that shape).
 */
export const CLAUDE_STATUSLINE_PY = String.raw`
def read_claude_statusline(d, a):
    p = os.path.join(d, "${CLAUDE_FEED_FILE}")
    if not os.path.isfile(p):
        return fail("missing", "no %s: install the hook with oyster install-agent-hooks" % p)
    text = read_small(p)
    try:
        feed = json.loads(text)
    except ValueError:
        return fail("unrecognised", text[:2000])
    at = feed.get("written_at") if isinstance(feed, dict) else None
    return ok(at if isinstance(at, str) else iso(os.path.getmtime(p)), {"feed": feed})
`;

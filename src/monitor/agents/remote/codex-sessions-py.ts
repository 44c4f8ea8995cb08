/**
 * Codex `sessions`: the newest `token_count` event with rate limits in
 * `<CODEX_HOME>/sessions/YYYY/MM/DD/rollout-*.jsonl`. The tree grows for months, so only the
 * newest day folders are listed and only the most recently written files are read, each from its
 * end and only its last CODEX_TAIL bytes: a rollout of 500 MB costs 4 MiB of memory and a read of
 * that much, and a line cut off mid-write (the session is still going, or was killed) is skipped
 * as unreadable, the complete lines before it still count. A line counts when its windows are not both null and its `limit_id` is absent or `codex`
 * (a `premium` line with null windows is a credits marker, not a reading).
 */
export const CODEX_SESSIONS_PY = String.raw`
CODEX_DAYS = 7
CODEX_FILES = 12
CODEX_TAIL = 4 * 1024 * 1024

def codex_day_dirs(root):
    def digits(p):
        try:
            return sorted([n for n in os.listdir(p) if n.isdigit()], reverse=True)
        except OSError:
            return []
    days = []
    for y in digits(root):
        for m in digits(os.path.join(root, y)):
            for d in digits(os.path.join(root, y, m)):
                days.append(os.path.join(root, y, m, d))
                if len(days) >= CODEX_DAYS:
                    return days
    return days

def codex_lines_backwards(path):
    with open(path, "rb") as f:
        f.seek(0, 2)
        end = f.tell()
        start = max(0, end - CODEX_TAIL)
        f.seek(start)
        chunk = f.read(end - start)
    lines = chunk.split(b"\n")
    if start > 0:
        lines = lines[1:]
    for line in reversed(lines):
        if line.strip():
            yield line

def codex_usable(obj):
    if not isinstance(obj, dict) or obj.get("type") != "event_msg":
        return None
    p = obj.get("payload")
    if not isinstance(p, dict) or p.get("type") != "token_count":
        return None
    rl = p.get("rate_limits")
    if not isinstance(rl, dict):
        return None
    if rl.get("primary") is None and rl.get("secondary") is None:
        return None
    if rl.get("limit_id") not in (None, "codex"):
        return None
    return obj

def read_codex_sessions(d, a):
    root = os.path.join(d, "sessions")
    if not os.path.isdir(root):
        return fail("missing", "no %s (Codex has not run here, or CODEX_HOME is elsewhere: set dir)" % root)
    files = []
    for day in codex_day_dirs(root):
        for n in os.listdir(day):
            if n.startswith("rollout-") and n.endswith(".jsonl"):
                p = os.path.join(day, n)
                try:
                    files.append((os.path.getmtime(p), p))
                except OSError:
                    pass
    files.sort(reverse=True)
    bad = 0
    for _, p in files[:CODEX_FILES]:
        for line in codex_lines_backwards(p):
            # Most lines are tool output and reasoning, some of them megabytes: only a line that
            # names token_count can be one, so the rest are not parsed at all (4 MiB of tiny lines
            # would otherwise cost a million json.loads per file).
            if b"token_count" not in line:
                continue
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError):
                bad += 1
                continue
            if codex_usable(obj):
                return ok(obj.get("timestamp"), {"line": obj, "file": p})
    if not files:
        return fail("empty", "no rollout-*.jsonl under %s in the newest %d days" % (root, CODEX_DAYS))
    return fail("empty", "no token_count event with rate limits in the last %d MiB of the newest %d rollout files (no snapshot yet, or only further back)%s" % (CODEX_TAIL // (1024 * 1024), min(len(files), CODEX_FILES), "; %d unreadable lines" % bad if bad else ""))
`;

import { CLAUDE_FEED_FILE } from "../monitor/agents/remote/claude-statusline-py.ts";

/** The hook as installed in the agent's dir; settings.json's `statusLine` runs it. */
export const HOOK_FILE = "oyster-statusline-hook.py";
/** The status line the user had before, kept as data for the hook to chain to. */
export const SAVED_FILE = "oyster-statusline.json";
/** Read-only: a re-install replaces it whole; nobody should edit it in place. */
export const HOOK_MODE = 0o500;
/** How long the chained status line may take before it is killed (with everything it started). */
export const CHAIN_TIMEOUT_S = 5;

/**
 * Claude Code's status-line command, installed by `oyster install-agent-hooks`. It writes the
 * `rate_limits` Claude Code passes on stdin (and nothing else of the session: no cwd, transcript
 * path or ids) to the feed the monitor reads, then runs the status line the user had before with
 * the same stdin and prints what it prints. Nothing may break the status line: a feed that cannot
 * be written is a note on stderr, and the chained command runs all the same.
 *
 * A payload without rate limits (a new session before its first answer, an older Claude Code)
 * writes `null` only when there is no reading yet: the reading another session left is still the
 * best one known, and its `written_at` says how old it is.
 */
export const HOOK_PY = String.raw`#!/usr/bin/env python3
# Installed by oyster install-agent-hooks: a re-install overwrites it; do not edit.
# Claude Code runs this as its status line. It saves only rate_limits (and the time) to
# ${CLAUDE_FEED_FILE}, then runs the status line you had before, kept as data in
# ${SAVED_FILE} (key "previous"), with the same input, and prints what that prints.
import json, os, signal, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
FEED = os.path.join(HERE, "${CLAUDE_FEED_FILE}")
SAVED = os.path.join(HERE, "${SAVED_FILE}")
TIMEOUT = ${CHAIN_TIMEOUT_S}
GUARD = "OYSTER_STATUSLINE_HOOK"


def note(msg):
    try:
        sys.stderr.write("oyster-statusline-hook: %s\n" % msg)
    except Exception:
        pass


def now_iso():
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%03dZ" % int((t % 1) * 1000)


def has_reading():
    try:
        with open(FEED) as f:
            return isinstance(json.load(f).get("rate_limits"), dict)
    except Exception:
        return False


def write_feed(raw):
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:
        note("stdin is not JSON; feed left as it was")
        return
    limits = data.get("rate_limits") if isinstance(data, dict) else None
    if not isinstance(limits, dict):
        limits = None
        if has_reading():
            return
    doc = {"version": 1, "written_at": now_iso(), "rate_limits": limits}
    fd, tmp = tempfile.mkstemp(prefix=".oyster-rate-limits.", suffix=".tmp", dir=HERE)
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(doc, f)
        os.replace(tmp, FEED)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def previous_command():
    try:
        with open(SAVED) as f:
            prev = json.load(f).get("previous")
    except FileNotFoundError:
        return None
    cmd = prev.get("command") if isinstance(prev, dict) else None
    # Never chain to a hook again: that would loop.
    if not isinstance(cmd, str) or not cmd.strip() or "${HOOK_FILE}" in cmd:
        return None
    return cmd


def run_previous(raw):
    cmd = previous_command()
    if cmd is None or os.environ.get(GUARD):
        return 0
    env = dict(os.environ)
    env[GUARD] = "1"
    p = subprocess.Popen(cmd, shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, start_new_session=True)
    try:
        out, _ = p.communicate(raw, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        note("the previous status line took longer than %ds: stopped" % TIMEOUT)
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            out, _ = p.communicate(timeout=1)
        except Exception:
            out = b""
    sys.stdout.buffer.write(out or b"")
    sys.stdout.flush()
    return p.returncode if p.returncode and p.returncode > 0 else 0


def main():
    try:
        raw = sys.stdin.buffer.read()
    except Exception:
        raw = b""
    try:
        write_feed(raw)
    except Exception as e:
        note("cannot write the feed: %s: %s" % (type(e).__name__, e))
    try:
        return run_previous(raw)
    except Exception as e:
        note("cannot run the previous status line: %s: %s" % (type(e).__name__, e))
        return 0


sys.exit(main())
`;

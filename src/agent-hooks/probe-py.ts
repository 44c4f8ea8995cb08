import { HOOK_FILE, SAVED_FILE } from "./claude-statusline-hook-py.ts";

/** Larger than any settings.json a person keeps: past it the file is refused, not read. */
export const MAX_SETTINGS_BYTES = 1024 * 1024;

/**
 * The node side of the probe (one round trip per node): for each agent dir, settings.json as
 * text, the installed hook's sha256 and mode, and the saved previous status line. Run as
 * `python3 -c <this>` with the request (`{"dirs": [...]}`) on stdin: fixed text, the dirs only as
 * data. `~` is the login user's home, a relative dir is relative to it (as the monitor reads it).
 */
export const PROBE_PY = String.raw`
import hashlib, json, os, stat, sys

MAX = ${MAX_SETTINGS_BYTES}

def read_text(p):
    try:
        with open(p, "rb") as f:
            raw = f.read(MAX + 1)
    except FileNotFoundError:
        return {"text": None}
    except OSError as e:
        return {"text": None, "error": "cannot read: %s" % e.strerror}
    if len(raw) > MAX:
        return {"text": None, "error": "larger than %d bytes" % MAX}
    try:
        return {"text": raw.decode("utf-8")}
    except UnicodeDecodeError:
        return {"text": None, "error": "not UTF-8 text"}

def hook_of(p):
    try:
        st = os.stat(p)
        with open(p, "rb") as f:
            return {"sha256": hashlib.sha256(f.read()).hexdigest(), "mode": stat.S_IMODE(st.st_mode)}
    except FileNotFoundError:
        return {"sha256": None, "mode": None}
    except OSError as e:
        return {"sha256": None, "mode": None, "error": "cannot read: %s" % e.strerror}

def probe(d):
    path = os.path.abspath(os.path.expanduser(d))
    return {
        "dir": d,
        "path": path,
        "isDir": os.path.isdir(path),
        "settings": read_text(os.path.join(path, "settings.json")),
        "hook": hook_of(os.path.join(path, "${HOOK_FILE}")),
        "saved": read_text(os.path.join(path, "${SAVED_FILE}")),
    }

req = json.load(sys.stdin)
sys.stdout.write(json.dumps({"dirs": [probe(d) for d in req["dirs"]]}))
`;

export interface ProbedText {
  text: string | null;
  error?: string;
}

/** What one agent dir holds, as the probe read it. */
export interface ProbedDir {
  dir: string;
  /** The dir as an absolute path on the node (`~` expanded). */
  path: string;
  isDir: boolean;
  settings: ProbedText;
  hook: { sha256: string | null; mode: number | null; error?: string };
  saved: ProbedText;
}

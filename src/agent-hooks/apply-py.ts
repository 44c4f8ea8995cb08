import { HOOK_FILE, SAVED_FILE } from "./claude-statusline-hook-py.ts";

/**
 * The node side of an install (one round trip per node): per agent dir, in this order, only what
 * the controller decided differs: the hook, the saved previous status line, then settings.json's
 * `statusLine` (last, so it never points at a hook that is not there and the previous line is
 * saved before it is replaced). Every file is written to a temp file in its own dir and renamed
 * over the old one. settings.json is re-read and must still be what the probe saw (Claude Code
 * writes it too); its other keys are kept as they are, its mode too, and when it is a link (a
 * dotfiles checkout) the file it points to is written, so the link stays. Run as `python3 -c
 * <this>` with the request on stdin: fixed text, everything else data.
 */
export const APPLY_PY = String.raw`
import hashlib, json, os, stat, sys, tempfile

def write_atomic(path, data, mode):
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".oyster.tmp", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise

class Refused(Exception):
    pass

def set_status_line(path, want, expect_sha):
    target = os.path.realpath(path)
    try:
        with open(target, "rb") as f:
            raw = f.read()
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        raw, mode = None, 0o600
    sha = None if raw is None else hashlib.sha256(raw).hexdigest()
    if sha != expect_sha:
        raise Refused("settings.json changed since it was read: nothing written to it; run again")
    doc = {} if raw is None else json.loads(raw.decode("utf-8"))
    if not isinstance(doc, dict):
        raise Refused("settings.json is not a JSON object")
    doc["statusLine"] = want
    write_atomic(target, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), mode)

def apply(a):
    p = a["path"]
    done = []
    try:
        if a.get("hook") is not None:
            write_atomic(os.path.join(p, "${HOOK_FILE}"), a["hook"].encode("utf-8"), a["hookMode"])
            done.append("hook")
        if a.get("saved") is not None:
            write_atomic(os.path.join(p, "${SAVED_FILE}"), a["saved"].encode("utf-8"), 0o600)
            done.append("previous")
        if a.get("statusLine") is not None:
            set_status_line(os.path.join(p, "settings.json"), a["statusLine"], a.get("settingsSha"))
            done.append("settings")
        return {"path": p, "done": done}
    except Refused as e:
        return {"path": p, "done": done, "error": str(e)}
    except Exception as e:
        return {"path": p, "done": done, "error": "%s: %s" % (type(e).__name__, e)}

req = json.load(sys.stdin)
sys.stdout.write(json.dumps({"dirs": [apply(a) for a in req["dirs"]]}))
`;

/** What the apply program sends for one dir. */
export interface AppliedDir {
  path: string;
  done: Array<"hook" | "previous" | "settings">;
  error?: string;
}

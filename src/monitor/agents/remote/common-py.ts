/**
 * The node-side reader's frame (python3: every node has it for dispatch.py). It runs as
 * `python3 - '<request JSON>'` with the program on stdin: one fixed program, never assembled from
 * config values (those come in the request, as data). It prints one JSON document: a reading or
 * an error per account. Credentials a source needs are read inside this process and never leave
 * it: not in its argv, its environment, or what it prints.
 */
export const HEADER_PY = String.raw`
import json, os, sys, time

REQ = json.loads(sys.argv[1])
MAX_BYTES = 256 * 1024

def iso(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))

def ok(at, data):
    return {"ok": True, "at": at, "data": data}

def fail(error, detail):
    return {"ok": False, "error": error, "detail": detail}

def read_small(path):
    # At most MAX_BYTES: a feed or credentials file is small; anything larger is not what we expect.
    with open(path, "rb") as f:
        raw = f.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValueError("larger than %d bytes" % MAX_BYTES)
    return raw.decode("utf-8", "replace")
`;

/** The frame's end: run each account's source, one failure never stopping the others. */
export const MAIN_PY = String.raw`
def main():
    out = []
    for a in REQ["accounts"]:
        fn = SOURCES.get(a["provider"] + ":" + a["source"])
        d = os.path.expanduser(a["dir"])
        try:
            r = fn(d, a) if fn else fail("unsupported", "source %s is not known to this reader" % a["source"])
        except Exception as e:
            r = fail("failed", "%s: %s" % (type(e).__name__, str(e)[:300]))
        r["key"] = a["key"]
        out.append(r)
    sys.stdout.write(json.dumps({"readings": out}))

main()
`;

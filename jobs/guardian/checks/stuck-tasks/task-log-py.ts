/** How much of a task.log's end is read for its last line: the rest is never sent. */
export const TAIL_BYTES = 4096;

/**
 * The node side of stuck_tasks' log read (one round trip per node with running tasks): for each
 * task, the mtime and size of `<dispatchDir>/<project>/tasks/<id>/task.log` and its last
 * non-empty line, with the node's own `now` so silence is measured by one clock. Run as
 * `python3 -c <this>` with the request (`{"root", "tasks": [[project, id], ...]}`) on stdin:
 * fixed text, names only as data.
 *
 * The same rules as `logs task` (safe-task-path.ts, open-task-log.ts), because a task dir is
 * written by what the agents run: plain project and task names only; the task dir's real path
 * must be `<real root>/<project>/tasks/<id>` (no link on the way out of it); task.log is opened
 * with O_NOFOLLOW | O_NONBLOCK (a link is refused, a FIFO cannot hang the read) and must be a
 * plain file by fstat. Refusals are reported, and nothing of such a file is read.
 */
export const TASK_LOG_PY = String.raw`
import errno, json, os, re, stat, sys, time

TAIL = ${TAIL_BYTES}
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
ID = re.compile(r"^[0-9]+$")

def one(root, real_root, project, tid):
    if not NAME.match(project) or not ID.match(tid):
        return {"kind": "refused", "why": "not a plain project or task name"}
    named = os.path.join(root, project, "tasks", tid)
    if not os.path.isdir(named):
        return {"kind": "missing"}
    want = os.path.join(real_root, project, "tasks", tid)
    if os.path.realpath(named) != want:
        return {"kind": "refused", "why": "its task dir leads outside dispatch's dir"}
    try:
        fd = os.open(os.path.join(want, "task.log"), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as e:
        if e.errno == errno.ENOENT:
            return {"kind": "missing"}
        if e.errno == errno.ELOOP:
            return {"kind": "refused", "why": "task.log is a link"}
        return {"kind": "refused", "why": "cannot open task.log: %s" % e.strerror}
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return {"kind": "refused", "why": "task.log is not a plain file"}
        start = max(0, st.st_size - TAIL)
        os.lseek(fd, start, os.SEEK_SET)
        raw = os.read(fd, TAIL)
    finally:
        os.close(fd)
    lines = raw.decode("utf-8", "replace").splitlines()
    if start > 0 and len(lines) > 1:
        lines = lines[1:]  # the first is cut mid-line
    lines = [l for l in lines if l.strip()]
    return {"kind": "read", "mtime": st.st_mtime, "size": st.st_size, "last": lines[-1][:1000] if lines else ""}

req = json.load(sys.stdin)
root = os.path.expanduser(req["root"])
real_root = os.path.realpath(root)
out = {}
for project, tid in req["tasks"]:
    key = "%s/%s" % (project, tid)
    try:
        out[key] = one(root, real_root, str(project), str(tid))
    except OSError as e:
        out[key] = {"kind": "refused", "why": "cannot read: %s" % e.strerror}
print(json.dumps({"now": time.time(), "tasks": out}))
`;

/**
 * Codex `app-server`: `codex app-server` on the node (Codex reads its own login in CODEX_HOME;
 * this process never opens auth.json), spoken to over stdio as newline-delimited JSON-RPC:
 * `initialize`, the `initialized` notification, then `account/rateLimits/read`. Plain
 * `codex app-server`, no sandbox or approval flags: the CLI applies those to the interactive
 * agent only, and nothing here starts a thread, so no tool can run. One deadline covers every
 * app-server account of the reader run (REQ `deadlineMs`, else 8 s, under the 10 s SSH
 * default): Codex never times out a hung backend itself. Codex runs in its own session, so the
 * whole group (npm's launcher and the native binary it starts) is killed, answer or not.
 */
export const CODEX_APP_SERVER_PY = String.raw`
import re, select, shutil, signal, subprocess

CODEX_APP_START = time.time()
CODEX_APP_DEADLINE_MS = 8000
CODEX_APP_MAX_OUT = 4 * 1024 * 1024
CODEX_APP_CUT = 200

class CodexAppTimeout(Exception):
    pass

def codex_app_deadline():
    ms = REQ.get("deadlineMs")
    if isinstance(ms, bool) or not isinstance(ms, (int, float)) or ms <= 0:
        ms = CODEX_APP_DEADLINE_MS
    return CODEX_APP_START + min(ms, 120000) / 1000.0

def codex_app_cut(text):
    text = " ".join(str(text).split())
    return text if len(text) <= CODEX_APP_CUT else text[:CODEX_APP_CUT] + "..."

class CodexApp:
    def __init__(self, exe, home, deadline):
        env = dict(os.environ)
        env["CODEX_HOME"] = home
        self.deadline = deadline
        self.p = subprocess.Popen([exe, "app-server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, cwd="/", env=env, start_new_session=True)
        self.buf = b""
        self.seen = 0
        self.err = b""
        self.open = {self.p.stdout.fileno(): "out", self.p.stderr.fileno(): "err"}

    def send(self, msg):
        try:
            self.p.stdin.write((json.dumps(msg) + "\n").encode())
            self.p.stdin.flush()
        except OSError:
            pass  # It exited: reading says so, with what it printed on stderr.

    def pump(self, until):
        fds = list(self.open)
        if not fds:
            return
        ready, _, _ = select.select(fds, [], [], max(0.0, until - time.time()))
        for fd in ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                del self.open[fd]
            elif self.open[fd] == "out":
                self.buf += chunk
                self.seen += len(chunk)
                if self.seen > CODEX_APP_MAX_OUT:
                    raise ValueError("codex app-server wrote more than %d bytes" % CODEX_APP_MAX_OUT)
            else:
                self.err = (self.err + chunk)[-4096:]

    def reply(self, want):
        # Notifications and the server's own requests may come first: only a response to our id counts.
        while True:
            while b"\n" in self.buf:
                line, self.buf = self.buf.split(b"\n", 1)
                try:
                    msg = json.loads(line)
                except ValueError:
                    continue
                if isinstance(msg, dict) and type(msg.get("id")) is int and msg["id"] == want \
                        and "method" not in msg and ("result" in msg or "error" in msg):
                    return msg
            if self.p.stdout.fileno() not in self.open:
                return None
            if time.time() >= self.deadline:
                raise CodexAppTimeout()
            self.pump(self.deadline)

    def stderr_tail(self):
        # Its last words may still be in the pipe when its output closes.
        end = min(time.time() + 0.5, self.deadline)
        while self.p.stderr.fileno() in self.open and time.time() < end:
            self.pump(end)
        text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", self.err.decode("utf-8", "replace"))
        lines = [l for l in text.strip().splitlines() if l.strip()]
        return codex_app_cut(lines[-1]) if lines else "nothing on stderr"

    def close(self, graceful):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        # It ends by itself once its input closes; wait for that briefly, inside the budget.
        end = min(time.time() + 1.0, self.deadline + 0.5) if graceful else 0
        try:
            while self.p.stdout.fileno() in self.open and time.time() < end:
                self.pump(end)
        except (OSError, ValueError):
            pass
        # The leader is not reaped yet, so its group id cannot have been reused: kill what is left.
        try:
            os.killpg(self.p.pid, signal.SIGKILL)
        except OSError:
            pass
        self.p.wait()
        self.p.stdout.close()
        self.p.stderr.close()

def codex_app_error(msg):
    e = msg.get("error")
    text = e.get("message") if isinstance(e, dict) and isinstance(e.get("message"), str) else json.dumps(e)
    return "codex app-server: " + codex_app_cut(text)

def read_codex_app_server(d, a):
    exe = shutil.which("codex")
    if not exe:
        return fail("missing", "codex not on PATH")
    if not os.path.isdir(d):
        return fail("missing", "no %s (set dir to the CODEX_HOME codex logs in with)" % d)
    deadline = codex_app_deadline()
    if time.time() >= deadline:
        return fail("timeout", "timeout: no time left for codex app-server within the reader's deadline")
    try:
        app = CodexApp(exe, d, deadline)
    except OSError as e:
        return fail("node", "cannot run %s: %s" % (exe, codex_app_cut(e)))
    step = "initialize"
    answered = False
    try:
        app.send({"method": "initialize", "id": 0, "params": {"clientInfo": {"name": "oyster", "title": "Oyster", "version": "1"}}})
        m = app.reply(0)
        if m is not None and "error" not in m:
            step = "account/rateLimits/read"
            app.send({"method": "initialized"})
            app.send({"method": "account/rateLimits/read", "id": 1})
            m = app.reply(1)
        answered = m is not None
        if m is None:
            return fail("node", "codex app-server ended without answering %s: %s" % (step, app.stderr_tail()))
        if "error" in m:
            return fail("node", codex_app_error(m))
        result = m.get("result")
        # Only the rate limits travel: the answer may also name the account, which the controller has no use for.
        if isinstance(result, dict):
            result = {k: result[k] for k in ("rateLimits", "rateLimitsByLimitId") if k in result}
        return ok(iso(time.time()), {"result": result})
    except CodexAppTimeout:
        return fail("timeout", "timeout: codex app-server did not answer %s within %.1f s; stopped it" % (step, deadline - CODEX_APP_START))
    finally:
        app.close(answered)
`;

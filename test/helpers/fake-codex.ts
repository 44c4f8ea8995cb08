// A stand-in `codex` for a rig node's bin dir (first on the session PATH): `codex app-server`
// speaking newline-delimited JSON-RPC as codex-rs/app-server/README.md describes. It holds the
// protocol to its order (no rate limits before `initialize` and then `initialized`: "Not
// initialized", as Codex answers), sends unrelated notifications before its answers, and logs
// its argv, its CODEX_HOME and every method it received to `<node>/codex/fake-codex.log`.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RigNode } from "./rig/index.ts";

export type FakeCodexMode =
  | { answer: "limits"; rateLimits: unknown }
  | { answer: "error"; message: string }
  /** Answers initialize, then never again: ignores its input closing and keeps a child alive (`<bin>/codex-child` in its argv). */
  | { answer: "hang" };

export const fakeCodexPath = (node: RigNode) => join(node.binDir, "codex");
export const fakeCodexLog = (node: RigNode) => join(node.dir, "codex", "fake-codex.log");

export function putFakeCodex(node: RigNode, mode: FakeCodexMode): void {
  const script = `#!/usr/bin/env python3
import json, os, subprocess, sys, time
MODE = json.loads(${JSON.stringify(JSON.stringify(mode))})
LOG = ${JSON.stringify(fakeCodexLog(node))}
SELF = ${JSON.stringify(fakeCodexPath(node))}
def log(line):
    with open(LOG, "a") as f:
        f.write(line + "\\n")
def send(msg):
    sys.stdout.write(json.dumps(msg) + "\\n")
    sys.stdout.flush()
log("argv=" + json.dumps(sys.argv[1:]))
log("CODEX_HOME=" + os.environ.get("CODEX_HOME", "(unset)"))
send({"method": "remoteControl/status/changed", "params": {"status": "disabled"}})
seen = []
for line in sys.stdin:
    msg = json.loads(line)
    method = msg.get("method")
    seen.append(method)
    log("method=" + str(method))
    if method == "initialize":
        send({"id": msg["id"], "result": {"userAgent": "codex-app-server/0.0.0-fake " + msg["params"]["clientInfo"]["name"]}})
    elif method == "account/rateLimits/read":
        if seen[:2] != ["initialize", "initialized"]:
            send({"id": msg["id"], "error": {"code": -32600, "message": "Not initialized"}})
        elif MODE["answer"] == "hang":
            subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", SELF + "-child"])
            time.sleep(600)
        else:
            send({"method": "account/rateLimits/updated", "params": {"rateLimits": {"primary": {"usedPercent": 99, "windowDurationMins": 300, "resetsAt": 1}, "secondary": None}}})
            # A request of its own that reuses our id (the two sides number apart): not the answer.
            send({"id": msg["id"], "method": "item/tool/requestUserInput", "params": {}})
            if MODE["answer"] == "error":
                send({"id": msg["id"], "error": {"code": -32603, "message": MODE["message"]}})
            else:
                send({"id": msg["id"], "result": {"rateLimits": MODE["rateLimits"], "accountId": "acct-should-not-travel"}})
`;
  writeFileSync(fakeCodexPath(node), script, { mode: 0o755 });
}

export function removeFakeCodex(node: RigNode): void {
  rmSync(fakeCodexPath(node), { force: true });
}

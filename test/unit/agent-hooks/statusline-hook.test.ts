// The hook's own guarantees, run with the real python3 in a temp dir: it never breaks Claude
// Code's status line (no previous line, bad input, a slow previous line) and never chains to
// itself; the previous line's exit code and output pass through as they were.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CHAIN_TIMEOUT_S, HOOK_FILE, HOOK_PY, SAVED_FILE } from "../../../src/agent-hooks/claude-statusline-hook-py.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const LIMITS = { rate_limits: { five_hour: { used_percentage: 5, resets_at: 1_900_000_000 } } };

function setup(previous?: unknown): string {
  const dir = tmpDir("oyster-hook-");
  writeFileSync(join(dir, HOOK_FILE), HOOK_PY, { mode: 0o500 });
  if (previous !== undefined) writeFileSync(join(dir, SAVED_FILE), JSON.stringify({ version: 1, previous }));
  return dir;
}

function hook(dir: string, stdin: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("python3", [join(dir, HOOK_FILE)], { cwd: dir, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
    child.stdin.end(stdin);
  });
}

const feed = (dir: string) => JSON.parse(readFileSync(join(dir, "oyster-rate-limits.json"), "utf8"));

describe("the Claude status-line hook", () => {
  it("with no previous status line prints nothing and succeeds", async () => {
    const dir = setup();
    assert.deepEqual(await hook(dir, JSON.stringify(LIMITS)).then((r) => [r.code, r.stdout]), [0, ""]);
    assert.deepEqual(feed(dir).rate_limits, LIMITS.rate_limits);
  });

  it("passes the previous line's output and exit code through unchanged", async () => {
    const dir = setup({ type: "command", command: "printf 'half '; cat >/dev/null; printf 'done'; exit 3" });
    assert.deepEqual(await hook(dir, JSON.stringify(LIMITS)).then((r) => [r.code, r.stdout]), [3, "half done"]);
  });

  it("leaves the feed alone on input that is not JSON, and still runs the previous line", async () => {
    const dir = setup({ type: "command", command: "printf 'mine'" });
    const r = await hook(dir, "not json");
    assert.deepEqual([r.code, r.stdout], [0, "mine"]);
    assert.match(r.stderr, /stdin is not JSON/);
    assert.equal(existsSync(join(dir, "oyster-rate-limits.json")), false);
  });

  it("never runs a saved line that is itself an Oyster hook (no loop)", async () => {
    const dir = setup({ type: "command", command: `python3 ${join(tmpDir(), HOOK_FILE)}; printf looped` });
    const r = await hook(dir, JSON.stringify(LIMITS));
    assert.deepEqual([r.code, r.stdout], [0, ""]);
  });

  it("stops a previous line that hangs after its timeout, with what it started", async () => {
    const dir = setup({ type: "command", command: `sleep 60 & echo $! > ${join(tmpDir(), "x")}.pid; printf early; wait` });
    const pidFile = JSON.parse(readFileSync(join(dir, SAVED_FILE), "utf8")).previous.command.match(/> (\S+\.pid)/)[1];
    const r = await hook(dir, JSON.stringify(LIMITS));
    assert.equal(r.code, 0);
    assert.ok(r.ms < (CHAIN_TIMEOUT_S + 4) * 1000, `took ${r.ms} ms`);
    assert.match(r.stderr, new RegExp(`took longer than ${CHAIN_TIMEOUT_S}s: stopped`));
    assert.deepEqual(feed(dir).rate_limits, LIMITS.rate_limits, "the feed is written before the previous line runs");
    const pid = readFileSync(pidFile, "utf8").trim();
    // Killed with its process group: gone, or a zombie waiting for init.
    await waitUntil(() => !existsSync(`/proc/${pid}`) || /^\S+ \(sleep\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8")), `sleep ${pid} to be killed`);
  });
});

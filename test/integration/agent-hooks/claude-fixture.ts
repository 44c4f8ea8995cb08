// Claude Code as the hook meets it: the JSON it passes its status-line command, and that command
// run on a rig node as Claude Code runs it (`sh -c <statusLine.command>` as the node's user, the
// payload on stdin), through the real OpenSSH client.
import { spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { sshArgs } from "../../helpers/rig/ssh-client.ts";
import type { Rig } from "../../helpers/rig/index.ts";

export const SESSION_ID = "5f1e2d3c-aaaa-4bbb-8ccc-0123456789ab";
export const TRANSCRIPT = "/home/dev/.claude/projects/-home-dev-secret-project/5f1e2d3c.jsonl";
export const CWD = "/home/dev/secret-project";

/** A status-line payload shaped like Claude Code's (docs: statusline), rate limits optional. */
export function statusPayload(rateLimits?: Record<string, { used_percentage: number; resets_at: number }>): string {
  return JSON.stringify({
    hook_event_name: "Status",
    session_id: SESSION_ID,
    transcript_path: TRANSCRIPT,
    cwd: CWD,
    model: { id: "claude-opus-4-1", display_name: "Opus" },
    workspace: { current_dir: CWD, project_dir: CWD },
    version: "2.1.6",
    output_style: { name: "default" },
    cost: { total_cost_usd: 0.01234, total_duration_ms: 45000, total_api_duration_ms: 2300, total_lines_added: 156, total_lines_removed: 23 },
    exceeds_200k_tokens: false,
    ...(rateLimits ? { rate_limits: rateLimits } : {}),
  });
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` on the node through its login shell, `stdin` piped in. */
export function runOnNode(rig: Rig, node: string, command: string, stdin: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn("ssh", sshArgs(rig, node, command), { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** A file's bytes, mode and mtime (ns), to show that a run left it exactly as it was. */
export function snapshot(path: string): { text: string; mode: number; mtimeNs: bigint } | null {
  try {
    const st = statSync(path, { bigint: true });
    return { text: readFileSync(path, "utf8"), mode: Number(st.mode & 0o7777n), mtimeNs: st.mtimeNs };
  } catch {
    return null;
  }
}

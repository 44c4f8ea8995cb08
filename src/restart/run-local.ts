import { spawn } from "node:child_process";
import { TailBuffer } from "./tail-buffer.ts";

export interface LocalResult {
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  truncated: boolean;
}

export interface LocalOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxOutputBytes: number;
  /** How long to wait for output still in the pipes once the shell has exited. */
  drainMs?: number;
}

const KILL_GRACE_MS = 2000;

/**
 * Runs one command line with `/bin/sh -c` on the controller. The line is built from the operator's
 * own config template and shell-quoted values only.
 *
 * The shell's exit ends the wait, not the closing of its pipes: a `start` that launches a
 * background scheduler leaves it holding stdout, and waiting for that would stall until the
 * timeout and then kill the scheduler we just started. The shell runs in its own process group
 * so that a timeout can stop it and its children, and only then.
 */
export function runLocal(command: string, opts: LocalOptions): Promise<LocalResult> {
  const started = performance.now();
  const out = new TailBuffer(opts.maxOutputBytes);
  const err = new TailBuffer(opts.maxOutputBytes);
  return new Promise((resolve) => {
    const child = spawn("/bin/sh", ["-c", command], { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let timedOut = false;
    let settled = false;
    let killer: NodeJS.Timeout | undefined;
    const finish = (code: number | null, signal: string | null, spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killer);
      child.stdout.destroy();
      child.stderr.destroy();
      if (spawnError) err.push(Buffer.from(`cannot run /bin/sh: ${spawnError.message}\n`));
      resolve({
        code,
        ...(signal ? { signal } : {}),
        stdout: out.text(),
        stderr: err.text(),
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        timedOut,
        truncated: out.truncated || err.truncated,
      });
    };
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup("SIGTERM");
      killer = setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS);
    }, opts.timeoutMs);
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.once("error", (e) => finish(null, null, e));
    child.once("close", (code, signal) => finish(code, signal));
    child.once("exit", (code, signal) => {
      // Give the pipes a moment to deliver what the shell wrote before it exited.
      setTimeout(() => finish(code, signal), opts.drainMs ?? 200);
    });
  });
}

import { spawnSync } from "node:child_process";

/** One `ssh` invocation: its arguments (never through a shell). */
export type SshGRequest = string[];

export type SshGReply =
  | { ok: true; stdout: string; stderr: string }
  /** `missing`: no `ssh` on PATH; `timeout`: killed after timeoutMs; `exit`: ssh refused (its stderr says why). */
  | { ok: false; reason: "missing" | "timeout" | "exit"; stderr: string; message: string };

/**
 * Runs a batch of `ssh` invocations and answers one reply per request, in order. Synchronous on
 * purpose: the pool and the runtime are built synchronously (and by many callers), and a disk
 * cache means the batch only runs when an SSH config file changed. Injected in tests to count
 * spawns or to play a machine without `ssh`.
 */
export type SshGRunner = (requests: SshGRequest[]) => SshGReply[];

export interface BatchRunnerOptions {
  /** Where `ssh` is looked up (its PATH) and what it runs with. */
  env?: NodeJS.ProcessEnv;
  /** How many `ssh` processes at once. */
  concurrency?: number;
  /** Per `ssh` process; one hung by a `Match exec` is killed and reported as a timeout. */
  timeoutMs?: number;
}

// Runs in a child `node`: a synchronous caller cannot wait on parallel children itself, but it can
// wait (spawnSync) on one process that runs them in parallel, bounded, each with a timeout.
// Plain JavaScript with node: imports only, so it runs the same from source and from dist/.
const BATCH_SCRIPT = `
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
const { requests, concurrency, timeoutMs } = JSON.parse(readFileSync(0, "utf8"));
const replies = new Array(requests.length);
let next = 0;
const one = (args) => new Promise((resolve) => {
  execFile("ssh", args, { timeout: timeoutMs, maxBuffer: 4 << 20, encoding: "utf8" }, (err, stdout, stderr) => {
    if (!err) return resolve({ ok: true, stdout, stderr });
    const reason = err.code === "ENOENT" ? "missing" : err.killed ? "timeout" : "exit";
    resolve({ ok: false, reason, stderr: String(stderr ?? ""), message: err.message });
  });
});
const worker = async () => { while (next < requests.length) { const i = next++; replies[i] = await one(requests[i]); } };
await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
process.stdout.write(JSON.stringify(replies));
`;

/** The real runner: `ssh` from the PATH in `env`, in parallel but bounded, each with a timeout. */
export function batchRunner(opts: BatchRunnerOptions = {}): SshGRunner {
  const concurrency = Math.max(1, opts.concurrency ?? 16);
  const timeoutMs = opts.timeoutMs ?? 5000;
  return (requests) => {
    if (requests.length === 0) return [];
    const rounds = Math.ceil(requests.length / concurrency);
    // The child node must not inherit a TypeScript loader from NODE_OPTIONS: the script is plain JS.
    const env = { ...(opts.env ?? process.env), NODE_OPTIONS: "" };
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", BATCH_SCRIPT], {
      input: JSON.stringify({ requests, concurrency, timeoutMs }),
      env,
      encoding: "utf8",
      maxBuffer: 64 << 20,
      timeout: rounds * timeoutMs + 10_000,
    });
    if (r.status === 0) return JSON.parse(r.stdout) as SshGReply[];
    const message = r.error?.message ?? `ssh batch exited with ${r.status ?? r.signal}: ${r.stderr.trim()}`;
    return requests.map(() => ({ ok: false as const, reason: "exit" as const, stderr: r.stderr ?? "", message }));
  };
}

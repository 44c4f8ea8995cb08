// sshd forks a privileged child per connection, which forks the unprivileged session
// process, which forks the shell: all are descendants of the listener, but they call
// setsid(), so process groups cannot reach them. We walk `pgrep -P` (Linux and macOS)
// and freeze each level with SIGSTOP before asking for its children, so nothing forks
// behind our back while we look.
import { execFile, spawnSync } from "node:child_process";

function send(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone: nothing to signal
  }
}

function parsePids(stdout: string): number[] {
  return stdout.split(/\s+/).filter(Boolean).map(Number);
}

function childrenOf(pids: number[]): Promise<number[]> {
  return new Promise((resolve) => {
    // pgrep exits 1 when nothing matches: that is just "no children".
    execFile("pgrep", ["-P", pids.join(",")], (_err, stdout) => resolve(parsePids(stdout ?? "")));
  });
}

function childrenOfSync(pids: number[]): number[] {
  return parsePids(spawnSync("pgrep", ["-P", pids.join(",")], { encoding: "utf8" }).stdout ?? "");
}

/** Root plus all descendants, every one left SIGSTOPped. */
async function freezeTree(root: number): Promise<number[]> {
  const all = [root];
  send(root, "SIGSTOP");
  let level = [root];
  while (level.length > 0) {
    level = (await childrenOf(level)).filter((p) => !all.includes(p));
    for (const pid of level) send(pid, "SIGSTOP");
    all.push(...level);
  }
  return all;
}

/** SIGSTOP (hang) or SIGKILL (stop) a process and all its descendants. */
export async function stopTree(root: number, kill: boolean): Promise<void> {
  const all = await freezeTree(root);
  if (kill) for (const pid of all) send(pid, "SIGKILL");
}

/** SIGCONT a process and all its descendants. */
export async function continueTree(root: number): Promise<void> {
  const all = [root];
  let level = [root];
  while (level.length > 0) {
    level = (await childrenOf(level)).filter((p) => !all.includes(p));
    all.push(...level);
  }
  for (const pid of all) send(pid, "SIGCONT");
}

/** Synchronous SIGKILL of a tree, for process 'exit' handlers where nothing async runs. */
export function killTreeSync(root: number): void {
  const all = [root];
  send(root, "SIGSTOP");
  let level = [root];
  while (level.length > 0) {
    level = childrenOfSync(level).filter((p) => !all.includes(p));
    for (const pid of level) send(pid, "SIGSTOP");
    all.push(...level);
  }
  for (const pid of all) send(pid, "SIGKILL");
}

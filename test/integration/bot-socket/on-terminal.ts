// The real `oyster` bin with its stdin on a terminal (a pty from util-linux `script`), as a person
// runs it: what it asks shows on its stderr, what the test types arrives on its stdin, and Ctrl-C
// typed there is the terminal's (a SIGINT, or readline's own in raw mode). stdout, and stderr
// unless asked to be on the terminal too, stay pipes of their own (fds 3 and 4 through `script`),
// so each is read apart from the other.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { requireTool } from "../../helpers/find-tool.ts";
import type { OysterRun } from "../../helpers/run-oyster.ts";
import { PROJECT_ROOT } from "../../helpers/spawn-tsx.ts";

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

let scriptPath: string | undefined;
/** util-linux's `script` (its -c and -e; the BSD one on macOS takes other arguments). */
function utilLinuxScript(): string {
  if (scriptPath) return scriptPath;
  const path = requireTool("script", "bsdutils");
  const version = spawnSync(path, ["--version"], { encoding: "utf8" });
  if (!`${version.stdout}${version.stderr}`.includes("util-linux")) throw new Error(`${path} is not util-linux's script: these tests put the CLI on a terminal with \`script -q -e -c\``);
  return (scriptPath = path);
}

/** Runs not yet ended: a test that failed before answering must not leave one waiting on its question. */
const live = new Set<ChildProcess>();

/** Ends every run still going (for `after`): the pty closes under the CLI, which ends on its SIGHUP. */
export function stopTerminals(): void {
  for (const child of live) child.kill("SIGKILL");
}

export interface TerminalRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Typed at the terminal: "y\n", or "\x03" for Ctrl-C. */
  type(text: string): void;
  done: Promise<OysterRun>;
}

export interface TerminalOptions {
  cwd?: string;
  /**
   * stderr on the terminal too, as at a person's shell: the question is then asked in the
   * terminal's own mode (readline handles Ctrl-C itself). stderr() is then the screen, with the
   * terminal's echo of what was typed and its CR LF line ends.
   */
  stderrOnTerminal?: boolean;
}

export function oysterOnTerminal(args: string[], env: NodeJS.ProcessEnv, opts: TerminalOptions = {}): TerminalRun {
  const script = utilLinuxScript();
  const line = ["exec", process.execPath, `${PROJECT_ROOT}/bin/oyster.js`, ...args].map(quote).join(" ");
  const started = performance.now();
  const redirect = opts.stderrOnTerminal ? "1>&3" : "1>&3 2>&4";
  // -e: script exits with the command's own exit code.
  const child = spawn(script, ["-q", "-e", "-c", `${line} ${redirect}`, "/dev/null"], {
    cwd: opts.cwd ?? PROJECT_ROOT,
    env,
    stdio: ["pipe", opts.stderrOnTerminal ? "pipe" : "ignore", "ignore", "pipe", "pipe"],
  });
  live.add(child);
  child.once("close", () => live.delete(child));
  let stdout = "";
  let stderr = "";
  child.stdio[3]!.on("data", (d) => (stdout += d));
  (opts.stderrOnTerminal ? child.stdout! : child.stdio[4]!).on("data", (d) => (stderr += d));
  const done = new Promise<OysterRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    type: (text) => void child.stdin!.write(text),
    done,
  };
}

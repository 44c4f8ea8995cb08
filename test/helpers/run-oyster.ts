import { spawn } from "node:child_process";
import { PROJECT_ROOT } from "./spawn-tsx.ts";

export interface OysterRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the real `oyster` bin in its own process, as an operator would. */
export function runOyster(args: string[], env: NodeJS.ProcessEnv, cwd = PROJECT_ROOT): Promise<OysterRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${PROJECT_ROOT}/bin/oyster.js`, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

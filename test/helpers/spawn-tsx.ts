import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** tsx's loader by absolute URL, so a child started in any working directory finds it. */
export const TSX_LOADER = import.meta.resolve("tsx");

/** Starts a TypeScript file in its own Node process (through tsx), as the CLI and bot run. */
export function spawnTsx(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, ["--import", TSX_LOADER, file, ...args], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
}

/** Resolves when the child prints a line containing `text`. */
export async function waitForOutput(child: ChildProcess, text: string, timeoutMs = 15_000): Promise<void> {
  let seen = "";
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  try {
    for await (const chunk of child.stdout!) {
      seen += String(chunk);
      if (seen.includes(text)) return;
    }
    throw new Error(`process ended before printing "${text}"; printed: ${seen}`);
  } finally {
    clearTimeout(timer);
  }
}

export async function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, "exit")) as [number | null];
  return code;
}

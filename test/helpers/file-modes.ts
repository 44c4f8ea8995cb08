import { statSync } from "node:fs";

/** A path's permission bits, as `ls -l` users read them: "0600". */
export function modeOf(path: string): string {
  return `0${(statSync(path).mode & 0o7777).toString(8).padStart(3, "0")}`;
}

/**
 * Runs `fn` under `mask` (the common 022 by default, where files come out 0644 unless the code
 * says otherwise), then puts the process's umask back, also when `fn` fails.
 */
export async function withUmask<T>(fn: () => T | Promise<T>, mask = 0o022): Promise<T> {
  const previous = process.umask(mask);
  try {
    return await fn();
  } finally {
    process.umask(previous);
  }
}

import { readFileSync } from "node:fs";
import { join } from "node:path";

export type JsonFile =
  | { present: false }
  | { present: true; value: unknown }
  | { present: true; problem: string };

/**
 * Reads one config file. Only "does not exist" counts as absent: a file we cannot read or
 * parse must not silently fall back to defaults, or a typo would empty the fleet.
 */
export function readJsonFile(dir: string, file: string): JsonFile {
  let text: string;
  try {
    text = readFileSync(join(dir, file), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { present: false };
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { present: true, problem: `${file}: (file): cannot read: ${reason}` };
  }
  try {
    // Editors on Windows like to prepend a byte-order mark, which JSON.parse rejects.
    return { present: true, value: JSON.parse(text.replace(/^\uFEFF/, "")) };
  } catch (err) {
    return { present: true, problem: `${file}: (file): invalid JSON: ${(err as Error).message}` };
  }
}

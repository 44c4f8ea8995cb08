import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { utf8Problem } from "./utf8-problem.ts";

export type JsonFile =
  | { present: false }
  | { present: true; value: unknown }
  | { present: true; problem: string };

/**
 * The largest config file read. The biggest real one (a fleet's nodes.json, dispatch's
 * projects.json) is a few hundred KB; anything larger is the wrong file, and reading and
 * validating it would cost seconds and list problems by the hundred thousand.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Arrays and objects inside each other; the deepest real config is 5 levels. */
export const MAX_CONFIG_DEPTH = 64;

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** How deep `[` and `{` nest outside strings: checked before parsing, whose recursion (and ours) it would exhaust. */
function nesting(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) max = Math.max(max, ++depth);
    else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return max;
}

function kindOf(stats: ReturnType<typeof fstatSync>): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a plain file";
}

/** The file's bytes, or why they cannot be had; a missing file is undefined. */
function readBytes(dir: string, file: string): Buffer | string | undefined {
  let fd: number;
  try {
    // Non-blocking: a named pipe put in the file's place must not hang start-up.
    fd = openSync(join(dir, file), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return `is ${kindOf(stats)}, not a config file`;
    if (stats.size > MAX_CONFIG_BYTES) return `${mb(stats.size)}; a config file is at most ${mb(MAX_CONFIG_BYTES)} (is it the right file?)`;
    const bytes = readFileSync(fd);
    return bytes.length > MAX_CONFIG_BYTES ? `grew past ${mb(MAX_CONFIG_BYTES)} while it was read` : bytes;
  } catch (err) {
    return `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads one config file. Only "does not exist" counts as absent: a file we cannot read or
 * parse must not silently fall back to defaults, or a typo would empty the fleet. Nor is a
 * file read leniently: bytes that are not UTF-8 would otherwise become U+FFFD inside a shell
 * command or a path, loaded without a word.
 */
export function readJsonFile(dir: string, file: string): JsonFile {
  const bytes = readBytes(dir, file);
  if (bytes === undefined) return { present: false };
  if (typeof bytes === "string") return { present: true, problem: `${file}: (file): ${bytes}` };
  const notUtf8 = utf8Problem(bytes);
  if (notUtf8 !== undefined) return { present: true, problem: `${file}: ${notUtf8.path}: ${notUtf8.message}` };
  // Editors on Windows like to prepend a byte-order mark, which JSON.parse rejects.
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const depth = nesting(text);
  if (depth > MAX_CONFIG_DEPTH) return { present: true, problem: `${file}: (file): lists and objects nested ${depth} deep; at most ${MAX_CONFIG_DEPTH}` };
  try {
    return { present: true, value: JSON.parse(text) };
  } catch (err) {
    return { present: true, problem: `${file}: (file): invalid JSON: ${(err as Error).message}` };
  }
}

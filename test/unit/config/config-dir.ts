import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";

/**
 * A throwaway config dir holding the given files: strings are written verbatim (to test
 * byte-exact and broken input), anything else as JSON. Removed when the test file ends.
 */
export function configDir(files: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "oyster-config-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** Runs `fn`, which must throw, and returns the thrown value for closer inspection. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to throw");
}

export const HOME_ENV = { HOME: "/home/tester" };

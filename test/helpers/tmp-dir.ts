import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made: string[] = [];

// Removed when the test process exits, not by a node:test hook: a hook registered from inside
// `before` would run as soon as that `before` finished and delete the dir under the tests.
process.on("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp dir, removed when the test file's process exits. */
export function tmpDir(prefix = "oyster-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "__snapshots__");

/**
 * Compares `actual` with the committed file `__snapshots__/<name>`. UPDATE_SNAPSHOTS=1 (re)writes
 * it instead, for a human to review in the diff; without it a missing file is a failure, so a
 * snapshot can never silently pass by being created.
 */
export function matchSnapshot(name: string, actual: string): void {
  const path = join(DIR, name);
  if (process.env.UPDATE_SNAPSHOTS === "1") {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) assert.fail(`no snapshot ${name}: run with UPDATE_SNAPSHOTS=1 to write it, review it, and commit it`);
  try {
    assert.equal(actual, readFileSync(path, "utf8"));
  } catch (err) {
    (err as Error).message = `snapshot ${name} differs (UPDATE_SNAPSHOTS=1 rewrites it):\n${(err as Error).message}`;
    throw err;
  }
}

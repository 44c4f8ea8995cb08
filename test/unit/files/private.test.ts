import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ensurePrivateDir, ensurePrivateFile, makePrivate } from "../../../src/files/private.ts";
import { modeOf, withUmask } from "../../helpers/file-modes.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("private files", () => {
  it("creates dirs 0700, parents included, under umask 022", async () => {
    const root = tmpDir();
    await withUmask(() => ensurePrivateDir(join(root, "data", "logs")));
    assert.equal(modeOf(join(root, "data")), "0700");
    assert.equal(modeOf(join(root, "data", "logs")), "0700");
  });

  it("creates an empty file 0600 under umask 022 and leaves an existing one's content alone", async () => {
    const dir = tmpDir();
    const fresh = join(dir, "fresh.db");
    await withUmask(() => ensurePrivateFile(fresh));
    assert.equal(modeOf(fresh), "0600");
    const existing = join(dir, "existing");
    writeFileSync(existing, "kept");
    await withUmask(() => ensurePrivateFile(existing));
    assert.equal(modeOf(existing), "0644");
    await withUmask(() => makePrivate(existing));
    assert.equal(modeOf(existing), "0600");
  });
});

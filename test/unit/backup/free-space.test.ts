import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkSpace, freeBytes, MARGIN_BYTES, type StatfsFn } from "../../../src/backup/free-space.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const MB = 1024 * 1024;
const statfsWith = (free: number): StatfsFn => () => ({ bavail: BigInt(free / 4096), bsize: 4096n });

describe("free space", () => {
  it("reads bavail × bsize (what an unprivileged writer may use), bigint or number", () => {
    assert.equal(freeBytes("/", () => ({ bavail: 10n, bsize: 4096n })), 40_960);
    assert.equal(freeBytes("/", () => ({ bavail: 10, bsize: 512 })), 5_120);
    assert.ok(freeBytes(tmpDir()) > 0);
  });

  it("allows a copy when free space is at least what it needs plus 64 MB", () => {
    const dir = tmpDir();
    assert.deepEqual(checkSpace([{ dir, bytes: 200 * MB, what: "2 × dispatch.db" }], statfsWith(200 * MB + MARGIN_BYTES)), { ok: true });
  });

  it("refuses one block short, saying how much is free and how much is needed", () => {
    const dir = tmpDir();
    const v = checkSpace([{ dir, bytes: 200 * MB, what: "2 × dispatch.db (100 MB)" }], statfsWith(200 * MB + MARGIN_BYTES - 4096));
    assert.equal(v.ok, false);
    if (v.ok) return;
    assert.equal(v.needBytes, 264 * MB);
    assert.match(v.message, /^not enough free space in .*: 264 MB free, need 264 MB \(2 × dispatch\.db \(100 MB\) \+ 64 MB\)$/);
  });

  it("adds up needs on one file system, and counts the margin once", () => {
    const a = tmpDir();
    const b = tmpDir(); // same device as a
    const needs = [{ dir: a, bytes: 100 * MB, what: "safety" }, { dir: b, bytes: 100 * MB, what: "copy" }];
    assert.equal(checkSpace(needs, statfsWith(150 * MB + MARGIN_BYTES)).ok, false);
    assert.equal(checkSpace(needs, statfsWith(200 * MB + MARGIN_BYTES)).ok, true);
  });
});

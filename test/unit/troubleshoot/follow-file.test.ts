// followFile over real files in a temp dir, rotated and truncated the way RotatingLogFile and
// an operator's `: > oyster.log` do it. Every wait polls for the line it needs.
import assert from "node:assert/strict";
import { appendFileSync, renameSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { followFile } from "../../../src/troubleshoot/follow-file.ts";
import { LineSplitter } from "../../../src/troubleshoot/line-splitter.ts";
import { openRegular } from "../../../src/troubleshoot/open-regular.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

async function follower(text: string) {
  const path = join(tmpDir(), "oyster.log");
  writeFileSync(path, text);
  const lines: string[] = [];
  const notes: string[] = [];
  const stop = new AbortController();
  const done = followFile({ from: await openRegular(path), onLine: (l) => lines.push(l), onNote: (n) => notes.push(n), signal: stop.signal });
  const seen = (line: string) => waitUntil(() => lines.includes(line), () => `"${line}"; got ${JSON.stringify(lines)}`);
  return { path, lines, notes, seen, stop: async () => (stop.abort(), await done) };
}

describe("followFile", () => {
  it("prints what is appended after the start, whole lines only, and stops when aborted", async () => {
    const f = await follower("old 1\nold 2\n");
    appendFileSync(f.path, "new 1\n");
    await f.seen("new 1");
    appendFileSync(f.path, "half");
    appendFileSync(f.path, " and the rest\nnext\n");
    await f.seen("next");
    await f.stop();
    assert.deepEqual(f.lines, ["new 1", "half and the rest", "next"]);
  });

  it("reads the renamed file's rest, then the new file at the path from its start", async () => {
    const f = await follower("before\n");
    appendFileSync(f.path, "in the old file\n");
    await f.seen("in the old file");
    renameSync(f.path, `${f.path}.1`);
    // A writer that has not noticed the rotation yet still appends to the old file.
    appendFileSync(`${f.path}.1`, "late in the old file\nunfinished");
    writeFileSync(f.path, "first of the new file\n");
    await f.seen("first of the new file");
    appendFileSync(`${f.path}.1`, "after the switch: not read\n");
    appendFileSync(f.path, "second of the new file\n");
    await f.seen("second of the new file");
    await f.stop();
    assert.deepEqual(f.lines, ["in the old file", "late in the old file", "unfinished", "first of the new file", "second of the new file"]);
    assert.deepEqual(f.notes, [`${f.path} was rotated; following the new file`]);
  });

  it("starts over when the file is truncated", async () => {
    const f = await follower("");
    appendFileSync(f.path, "a long line before the truncation\nanother long line before it\n");
    await f.seen("another long line before it");
    truncateSync(f.path, 0);
    appendFileSync(f.path, "after truncation\n");
    await f.seen("after truncation");
    await f.stop();
    assert.deepEqual(f.lines, ["a long line before the truncation", "another long line before it", "after truncation"]);
    assert.deepEqual(f.notes, [`${f.path} was truncated; reading it from its start`]);
  });
});

describe("LineSplitter", () => {
  it("joins a UTF-8 character split across reads, drops a CR before the newline, and keeps an overlong line's end", () => {
    const s = new LineSplitter(8);
    const bytes = Buffer.from("héllo\r\n");
    assert.deepEqual(s.push(bytes.subarray(0, 2)), []);
    assert.deepEqual(s.push(bytes.subarray(2)), ["héllo"]);
    assert.deepEqual(s.push(Buffer.from("0123456789abcdef")), []);
    // The part carried between reads is held to 8 bytes; the read that ends the line adds its own.
    assert.deepEqual(s.push(Buffer.from("XY\nz")), ["…89abcdefXY"]);
    assert.deepEqual(s.flush(), ["z"]);
    assert.deepEqual(s.flush(), []);
  });
});

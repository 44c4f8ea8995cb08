// tailFile against real files in a temp dir: small chunks force every line-splitting edge.
import assert from "node:assert/strict";
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { OysterError } from "../../../src/errors.ts";
import { tailFile } from "../../../src/troubleshoot/tail-file.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const file = (text: string | Buffer) => {
  const path = join(tmpDir(), "x.log");
  writeFileSync(path, text);
  return path;
};

describe("tailFile", () => {
  it("returns the last N lines oldest first, whatever the chunk size", async () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i}`).join("\n") + "\n";
    const path = file(text);
    for (const chunkBytes of [1, 3, 7, 64, 65536]) {
      const t = await tailFile(path, { lines: 4, chunkBytes });
      assert.deepEqual(t.lines, ["line 46", "line 47", "line 48", "line 49"], `chunk ${chunkBytes}`);
      assert.equal(t.cut, "none");
    }
  });

  it("keeps a last line without a newline, blank lines, and the first line of a short file", async () => {
    assert.deepEqual((await tailFile(file("a\n\nb"), { lines: 10, chunkBytes: 2 })).lines, ["a", "", "b"]);
    assert.deepEqual((await tailFile(file("\nx\n"), { lines: 10, chunkBytes: 2 })).lines, ["", "x"]);
    assert.deepEqual((await tailFile(file(""), { lines: 10 })).lines, []);
  });

  it("decodes a UTF-8 character that a chunk boundary splits", async () => {
    const path = file("héllo wörld ✓\nnext ✓✓\n");
    for (const chunkBytes of [1, 2, 3, 5]) assert.deepEqual((await tailFile(path, { lines: 2, chunkBytes })).lines, ["héllo wörld ✓", "next ✓✓"]);
  });

  it("applies keep (filter and rewrite) and still returns N kept lines", async () => {
    const path = file(Array.from({ length: 30 }, (_, i) => String(i)).join("\n"));
    const t = await tailFile(path, { lines: 3, chunkBytes: 4, keep: (l) => (Number(l) % 2 === 0 ? `even ${l}` : null) });
    assert.deepEqual(t.lines, ["even 24", "even 26", "even 28"]);
  });

  it("reads only the end of a big file: a filter that never matches stops at the scan limit", async () => {
    const path = file("x".repeat(99) + "\n");
    for (let i = 0; i < 100; i++) appendFileSync(path, `${"y".repeat(99)}\n`);
    const t = await tailFile(path, { lines: 5, keep: () => null, scanBytes: 1000, chunkBytes: 100 });
    assert.deepEqual(t.lines, []);
    assert.equal(t.cut, "scan-limit");
  });

  it("caps the answer's size and says so", async () => {
    const path = file(Array.from({ length: 100 }, () => "z".repeat(99)).join("\n"));
    const t = await tailFile(path, { lines: 100, outputBytes: 1000 });
    assert.equal(t.lines.length, 10);
    assert.equal(t.cut, "output-cap");
  });

  it("shows an enormous single line by its end only", async () => {
    const path = file("start" + "a".repeat(100_000) + "END\nlast\n");
    const t = await tailFile(path, { lines: 2, chunkBytes: 4096 });
    assert.equal(t.lines[1], "last");
    assert.ok(t.lines[0]!.startsWith("…") && t.lines[0]!.endsWith("aEND"));
    assert.ok(t.lines[0]!.length < 20_000 && !t.lines[0]!.includes("start"));
  });

  it("refuses a missing file and a directory with FileNotFound (exit 1) naming the path", async () => {
    const dir = tmpDir();
    for (const path of [join(dir, "nope.log"), dir]) {
      await assert.rejects(tailFile(path, { lines: 1 }), (err: unknown) => {
        assert.ok(err instanceof OysterError);
        assert.equal(err.code, "FileNotFound");
        assert.equal(err.exitCode, 1);
        assert.ok(err.message.includes(path));
        return true;
      });
    }
  });
});

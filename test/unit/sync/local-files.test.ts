import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { OysterError } from "../../../src/errors.ts";
import { readLocalFiles } from "../../../src/sync/local-files.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function dispatchDir(files: Record<string, [string, number]>): string {
  const dir = tmpDir();
  for (const [name, [content, mode]] of Object.entries(files)) {
    writeFileSync(join(dir, name), content);
    chmodSync(join(dir, name), mode);
  }
  return dir;
}

describe("readLocalFiles", () => {
  it("reads hash, mode and size of each file, in the order asked", () => {
    const dir = dispatchDir({ "nodes.json": ["{}\n", 0o644], "task-wrapper.sh": ["#!/bin/sh\n", 0o755] });
    const files = readLocalFiles(dir, ["task-wrapper.sh", "nodes.json"]);
    assert.deepEqual(files.map((f) => [f.name, f.mode, f.size]), [["task-wrapper.sh", 0o755, 10], ["nodes.json", 0o644, 3]]);
    assert.equal(files[0]?.sha256, createHash("sha256").update("#!/bin/sh\n").digest("hex"));
  });

  it("says not configured when the dispatch dir does not exist", () => {
    assert.throws(() => readLocalFiles("/nonexistent/dispatch", ["dispatch.py"]), (err: OysterError) => {
      assert.equal(err.code, "NotConfigured");
      assert.match(err.message, /not configured: dispatch\.dir \/nonexistent\/dispatch does not exist/);
      return true;
    });
  });

  it("names every missing file, so nothing is sent", () => {
    const dir = dispatchDir({ "nodes.json": ["{}", 0o644] });
    assert.throws(() => readLocalFiles(dir, ["dispatch.py", "nodes.json", "task-watcher.py"]), (err: OysterError) => {
      assert.equal(err.code, "CommandFailed");
      assert.match(err.message, /has no dispatch\.py, task-watcher\.py \(sync\.files\); nothing was sent/);
      return true;
    });
  });

  it("refuses a directory where a file should be", () => {
    const dir = dispatchDir({});
    mkdirSync(join(dir, "dispatch.py"));
    assert.throws(() => readLocalFiles(dir, ["dispatch.py"]), /is not a regular file/);
  });
});

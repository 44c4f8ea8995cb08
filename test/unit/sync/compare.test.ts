import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareFiles, differenceOf } from "../../../src/sync/compare.ts";
import type { LocalFile, RemoteFile, RemoteState } from "../../../src/sync/types.ts";

const file = (name: string, sha256: string, mode = 0o644): LocalFile => ({ name, path: `/ctl/${name}`, sha256, mode, size: 1 });
const remote = (files: Record<string, RemoteFile>): RemoteState => ({ dirMissing: false, files: new Map(Object.entries(files)) });

describe("comparing a node's files with the controller's", () => {
  it("calls a file equal only when content and mode both match", () => {
    assert.equal(differenceOf(file("a", "h1", 0o755), remote({ a: { sha256: "h1", mode: 0o755 } })), undefined);
  });

  it("names each kind of difference", () => {
    assert.equal(differenceOf(file("a", "h1"), remote({})), "missing");
    assert.equal(differenceOf(file("a", "h1"), remote({ a: { sha256: "h0", mode: 0o644 } })), "content differs");
    assert.equal(differenceOf(file("a", "h1", 0o755), remote({ a: { sha256: "h1", mode: 0o644 } })), "mode 644, controller 755");
    assert.equal(differenceOf(file("a", "h1", 0o755), remote({ a: { sha256: "h0", mode: 0o600 } })), "content differs; mode 600, controller 755");
  });

  it("lets the content decide when the node's mode could not be read", () => {
    assert.equal(differenceOf(file("a", "h1"), remote({ a: { sha256: "h1" } })), undefined);
  });

  it("splits the files in config order, with a reason for each one to push", () => {
    const local = [file("dispatch.py", "d"), file("task-wrapper.sh", "w", 0o755), file("nodes.json", "n")];
    const cmp = compareFiles(local, remote({ "task-wrapper.sh": { sha256: "w", mode: 0o755 }, "nodes.json": { sha256: "old", mode: 0o644 } }));
    assert.deepEqual(cmp, { differ: ["dispatch.py", "nodes.json"], same: ["task-wrapper.sh"], reasons: { "dispatch.py": "missing", "nodes.json": "content differs" } });
  });
});

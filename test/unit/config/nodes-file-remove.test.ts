import assert from "node:assert/strict";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { removeNodeFromFile } from "../../../src/config/nodes-file-write.ts";
import { OysterError } from "../../../src/errors.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { configDir, HOME_ENV, thrown } from "./config-dir.ts";

const OLD = `{\n  "nodes": [\n    { "name": "a", "services": ["agent-daemon"] },\n    { "name": "b", "host": "10.0.0.2", "x-note": "kept" }\n  ],\n  "comment": "kept"\n}\n`;
const opts = { env: HOME_ENV };

describe("removeNodeFromFile", () => {
  it("drops exactly that entry, keeps every other entry and key, and the old file as nodes.json.bak", () => {
    const dir = configDir({ "nodes.json": OLD });
    const r = removeNodeFromFile(dir, "a", opts);
    assert.deepEqual(r.removed, { name: "a", services: ["agent-daemon"] });
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "nodes.json"), "utf8")), { nodes: [{ name: "b", host: "10.0.0.2", "x-note": "kept" }], comment: "kept" });
    assert.equal(r.written.backup, join(dir, "nodes.json.bak"));
    assert.equal(readFileSync(join(dir, "nodes.json.bak"), "utf8"), OLD);
  });

  it("refuses a name the file does not list (UnknownNode, exit 2) and leaves the file alone", () => {
    const dir = configDir({ "nodes.json": OLD });
    const err = thrown(() => removeNodeFromFile(dir, "c", opts)) as OysterError;
    assert.equal(err.code, "UnknownNode");
    assert.equal(err.exitCode, 2);
    assert.equal(readFileSync(join(dir, "nodes.json"), "utf8"), OLD);
  });

  it("writes a symlinked nodes.json at its target, so the link survives", () => {
    const shared = join(tmpDir(), "nodes.json");
    writeFileSync(shared, OLD);
    const dir = configDir();
    symlinkSync(shared, join(dir, "nodes.json"));
    const r = removeNodeFromFile(dir, "b", opts);
    assert.equal(r.written.path, shared);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "nodes.json"), "utf8")).nodes.map((n: { name: string }) => n.name), ["a"]);
  });
});

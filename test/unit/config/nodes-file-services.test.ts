import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { addServicesToFile } from "../../../src/config/nodes-file-write.ts";
import { OysterError } from "../../../src/errors.ts";
import { configDir, HOME_ENV, thrown } from "./config-dir.ts";

const OLD = `{\n  "nodes": [\n    { "name": "glm-node-1", "services": ["agent-daemon", "gpu-exporter"], "tags": ["glm"] },\n    { "name": "glm-node-2" }\n  ],\n  "comment": "kept"\n}\n`;
const opts = { env: HOME_ENV };

describe("addServicesToFile", () => {
  it("adds only the units not yet listed, after the listed ones, keeping every other entry and key; the old file is the backup", () => {
    const dir = configDir({ "nodes.json": OLD });
    const r = addServicesToFile(dir, "glm-node-1", ["agent-daemon", "glm-node-1-watcher"], opts);
    assert.deepEqual(r.added, ["glm-node-1-watcher"]);
    assert.deepEqual(r.written, { path: join(dir, "nodes.json"), backup: join(dir, "nodes.json.bak"), created: false });
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "nodes.json"), "utf8")), {
      nodes: [{ name: "glm-node-1", services: ["agent-daemon", "gpu-exporter", "glm-node-1-watcher"], tags: ["glm"] }, { name: "glm-node-2" }],
      comment: "kept",
    });
    assert.equal(readFileSync(join(dir, "nodes.json.bak"), "utf8"), OLD);
    const second = addServicesToFile(dir, "glm-node-2", ["agent-daemon"], opts);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "nodes.json"), "utf8")).nodes[1], { name: "glm-node-2", services: ["agent-daemon"] });
    assert.deepEqual(second.added, ["agent-daemon"]);
  });

  it("leaves the file untouched (no write, no backup) when every unit is already listed, with or without .service", () => {
    const dir = configDir({ "nodes.json": OLD });
    const before = statSync(join(dir, "nodes.json")).mtimeMs;
    const r = addServicesToFile(dir, "glm-node-1", ["gpu-exporter", "agent-daemon", "agent-daemon.service"], opts);
    assert.deepEqual(r, { added: [] });
    assert.equal(readFileSync(join(dir, "nodes.json"), "utf8"), OLD);
    assert.equal(statSync(join(dir, "nodes.json")).mtimeMs, before);
    assert.equal(existsSync(join(dir, "nodes.json.bak")), false);
  });

  it("refuses a node that has no entry in nodes.json, and a unit name the schema would refuse", () => {
    const dir = configDir({ "nodes.json": OLD });
    const missing = thrown(() => addServicesToFile(dir, "elsewhere", ["agent-daemon"], opts));
    assert.ok(missing instanceof OysterError && missing.code === "UnknownNode");
    const bad = thrown(() => addServicesToFile(dir, "glm-node-2", ["-x;id"], opts));
    assert.ok(bad instanceof OysterError && bad.code === "ConfigError");
    assert.equal(readFileSync(join(dir, "nodes.json"), "utf8"), OLD);
  });
});

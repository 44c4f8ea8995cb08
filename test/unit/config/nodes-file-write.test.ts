import assert from "node:assert/strict";
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { addNodeToFile } from "../../../src/config/nodes-file-write.ts";
import { ConfigError, OysterError } from "../../../src/errors.ts";
import { modeOf } from "../../helpers/file-modes.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { configDir, HOME_ENV, thrown } from "./config-dir.ts";

const OLD = `{\n  "nodes": [\n    { "name": "glm-node-1", "services": ["agent-daemon"] }\n  ],\n  "comment": "kept"\n}\n`;
const NEW_NODE = { name: "oyster-arm-1", host: "203.0.113.7", user: "opc" };
const opts = { env: HOME_ENV };

describe("addNodeToFile", () => {
  it("appends the node, keeps the other entries and keys, as 2-space JSON with a trailing newline", () => {
    const dir = configDir({ "nodes.json": OLD });
    const r = addNodeToFile(dir, { ...NEW_NODE, port: 2222, tags: ["arm"] }, opts);
    const text = readFileSync(join(dir, "nodes.json"), "utf8");
    assert.equal(r.path, join(dir, "nodes.json"));
    assert.equal(r.created, false);
    assert.deepEqual(JSON.parse(text), {
      nodes: [{ name: "glm-node-1", services: ["agent-daemon"] }, { name: "oyster-arm-1", host: "203.0.113.7", port: 2222, user: "opc", tags: ["arm"] }],
      comment: "kept",
    });
    assert.equal(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    assert.deepEqual(loadConfig({ dir, env: HOME_ENV }).config.nodes.map((n) => n.name), ["glm-node-1", "oyster-arm-1"]);
  });

  it("keeps the old content in nodes.json.bak next to the file, replacing an earlier backup", () => {
    const dir = configDir({ "nodes.json": OLD, "nodes.json.bak": "stale backup\n" });
    const r = addNodeToFile(dir, NEW_NODE, opts);
    assert.equal(r.backup, join(dir, "nodes.json.bak"));
    assert.equal(readFileSync(join(dir, "nodes.json.bak"), "utf8"), OLD);
    const second = readFileSync(join(dir, "nodes.json"), "utf8");
    addNodeToFile(dir, { ...NEW_NODE, name: "oyster-arm-2" }, opts);
    assert.equal(readFileSync(join(dir, "nodes.json.bak"), "utf8"), second);
    assert.deepEqual(readdirSync(dir).sort(), ["nodes.json", "nodes.json.bak"], "no temp file left behind");
  });

  it("refuses a name already listed and leaves the file untouched", () => {
    const dir = configDir({ "nodes.json": OLD });
    const err = thrown(() => addNodeToFile(dir, { ...NEW_NODE, name: "glm-node-1" }, opts));
    assert.ok(err instanceof OysterError);
    assert.equal(err.code, "InvalidArgument");
    assert.equal(err.details.reason, "NodeExists");
    assert.match(err.message, /glm-node-1" is already in nodes\.json/);
    assert.equal(readFileSync(join(dir, "nodes.json"), "utf8"), OLD);
    assert.equal(existsSync(join(dir, "nodes.json.bak")), false);
  });

  it("writes the target of a symlinked nodes.json and keeps the symlink", () => {
    const shared = tmpDir("oyster-dispatch-");
    writeFileSync(join(shared, "nodes.json"), OLD);
    const dir = configDir();
    symlinkSync(join(shared, "nodes.json"), join(dir, "nodes.json"));
    const r = addNodeToFile(dir, NEW_NODE, opts);
    assert.equal(r.path, join(shared, "nodes.json"));
    assert.ok(lstatSync(join(dir, "nodes.json")).isSymbolicLink());
    assert.equal(readlinkSync(join(dir, "nodes.json")), join(shared, "nodes.json"));
    assert.match(readFileSync(join(shared, "nodes.json"), "utf8"), /oyster-arm-1/);
    assert.equal(readFileSync(join(shared, "nodes.json.bak"), "utf8"), OLD, "the backup sits next to the target");
    assert.equal(existsSync(join(dir, "nodes.json.bak")), false);
  });

  it("follows a relative symlink too", () => {
    const root = tmpDir();
    mkdirSync(join(root, "config"));
    mkdirSync(join(root, "dispatch"));
    writeFileSync(join(root, "dispatch", "nodes.json"), OLD);
    symlinkSync("../dispatch/nodes.json", join(root, "config", "nodes.json"));
    addNodeToFile(join(root, "config"), NEW_NODE, opts);
    assert.ok(lstatSync(join(root, "config", "nodes.json")).isSymbolicLink());
    assert.match(readFileSync(join(root, "dispatch", "nodes.json"), "utf8"), /oyster-arm-1/);
  });

  it("keeps the file's mode, and gives the backup the same", () => {
    const dir = configDir({ "nodes.json": OLD });
    chmodSync(join(dir, "nodes.json"), 0o640);
    addNodeToFile(dir, NEW_NODE, opts);
    assert.equal(modeOf(join(dir, "nodes.json")), "0640");
    assert.equal(modeOf(join(dir, "nodes.json.bak")), "0640");
    chmodSync(join(dir, "nodes.json"), 0o664);
    addNodeToFile(dir, { ...NEW_NODE, name: "oyster-arm-2" }, opts);
    assert.equal(modeOf(join(dir, "nodes.json")), "0664");
  });

  it("creates nodes.json (0644) when there is none, with no backup", () => {
    const dir = configDir();
    const r = addNodeToFile(dir, NEW_NODE, opts);
    assert.equal(r.created, true);
    assert.equal(r.backup, undefined);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "nodes.json"), "utf8")), { nodes: [NEW_NODE] });
    assert.equal(modeOf(join(dir, "nodes.json")), "0644");
    assert.deepEqual(readdirSync(dir), ["nodes.json"]);
  });

  it("refuses a result that would not validate and writes nothing", () => {
    const dir = configDir({ "nodes.json": OLD });
    const err = thrown(() => addNodeToFile(dir, { ...NEW_NODE, name: "bad name!" }, opts));
    assert.ok(err instanceof ConfigError);
    assert.deepEqual(err.problems, ['nodes.json: nodes[1].name: "bad name!" must match ^[A-Za-z0-9][A-Za-z0-9._-]*$']);
    assert.ok(thrown(() => addNodeToFile(dir, { ...NEW_NODE, port: 70000 }, opts)) instanceof ConfigError);
    assert.equal(readFileSync(join(dir, "nodes.json"), "utf8"), OLD);
    assert.deepEqual(readdirSync(dir), ["nodes.json"]);
  });

  it("refuses to edit a nodes.json that is not valid JSON", () => {
    const broken = '{"nodes": [\n';
    const dir = configDir({ "nodes.json": broken });
    const err = thrown(() => addNodeToFile(dir, NEW_NODE, opts));
    assert.ok(err instanceof ConfigError);
    assert.match(err.problems[0]!, /^nodes\.json: \(file\): invalid JSON/);
    assert.equal(readFileSync(join(dir, "nodes.json"), "utf8"), broken);
  });
});

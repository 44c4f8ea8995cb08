// monitor.pauseNodes in oyster.json: validated, and its entries name nodes by name or by tag.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { isOysterError } from "../../../src/errors.ts";
import { mappedNodes } from "../../../src/monitor/pause-nodes.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const load = (monitor: unknown) => {
  const dir = join(tmpDir(), "config");
  mkdirSync(dir);
  writeFileSync(join(dir, "nodes.json"), JSON.stringify({ nodes: [{ name: "a", tags: ["zai:glm"] }, { name: "b" }, { name: "c", tags: ["zai:glm", "x"] }] }));
  writeFileSync(join(dir, "oyster.json"), JSON.stringify({ monitor }));
  return loadConfig({ dir, env: { HOME: dir } }).config;
};

describe("monitor.pauseNodes", () => {
  it("maps an account to nodes by name and by tag in nodes.json", () => {
    const config = load({ pauseNodes: [{ account: "zai:glm", tags: ["zai:glm"], nodes: ["b"] }] });
    assert.deepEqual(mappedNodes(config.oyster.monitor.pauseNodes[0]!, config.nodes), ["a", "b", "c"]);
  });

  it("defaults to no mapping", () => {
    assert.deepEqual(load({}).oyster.monitor.pauseNodes, []);
  });

  it("refuses an account that is not provider:label and an entry that names no node", () => {
    for (const bad of [[{ account: "glm", nodes: ["a"] }], [{ account: "zai:glm" }], [{ account: "zai:glm", nodes: ["bad name"] }]]) {
      assert.throws(() => load({ pauseNodes: bad }), (err) => isOysterError(err) && /monitor\.pauseNodes/.test(err.message), JSON.stringify(bad));
    }
  });
});

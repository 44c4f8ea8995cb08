import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nodeList, wrapLine } from "../../../src/grouping/node-list.ts";
import { displayWidth } from "../../../src/render/paint.ts";

const names = (n: number) => Array.from({ length: n }, (_, i) => `node-${i + 1}`);

describe("nodeList", () => {
  it("names every node when no limit is given", () => {
    assert.equal(nodeList(names(40)).split(", ").length, 40);
  });
  it("cuts a long list after max names with how many more there are", () => {
    assert.equal(nodeList(names(16), { max: 2 }), "node-1, node-2, ... and 14 more");
  });
  it("names the last one rather than saying 'and 1 more'", () => {
    assert.equal(nodeList(names(3), { max: 2 }), "node-1, node-2, node-3");
  });
  it("takes the tail in the reader's language", () => {
    assert.equal(nodeList(names(10), { max: 2, more: (n) => ` 等另外 ${n} 个节点` }), "node-1, node-2 等另外 8 个节点");
  });
});

describe("wrapLine", () => {
  it("leaves a line that fits alone", () => {
    assert.equal(wrapLine("a b c", 80), "a b c");
  });
  it("breaks a long node list at spaces into indented lines no wider than the terminal, losing no name", () => {
    const line = `wrapper_version FAILED on ${names(40).join(", ")}: task-wrapper.sh differs`;
    const wrapped = wrapLine(line, 60);
    const lines = wrapped.split("\n");
    assert.ok(lines.length > 1);
    assert.ok(lines.every((l) => displayWidth(l) <= 60), wrapped);
    assert.ok(lines.slice(1).every((l) => l.startsWith("    ")));
    assert.equal(lines.map((l) => l.trim()).join(" "), line);
  });
  it("counts CJK as two columns", () => {
    const wrapped = wrapLine("检查 检查 检查 检查", 10);
    assert.ok(wrapped.split("\n").every((l) => displayWidth(l) <= 10), wrapped);
  });
});

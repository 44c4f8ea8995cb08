import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitAlternatives, wrapUsage, wrapWords } from "../../../src/help/wrap.ts";
import { displayWidth } from "../../../src/render/paint.ts";

const widest = (lines: string[]) => Math.max(...lines.map(displayWidth));

describe("wrapWords", () => {
  it("packs words into lines no wider than asked, indenting the lines after the first", () => {
    const lines = wrapWords("one two three four five six seven eight nine ten", 20, "> ", "  ");
    assert.deepEqual(lines, ["> one two three four", "  five six seven", "  eight nine ten"]);
  });

  it("counts CJK characters as two columns", () => {
    const lines = wrapWords("节点 节点 节点 节点 节点", 11);
    assert.deepEqual(lines, ["节点 节点", "节点 节点", "节点"]);
    assert.ok(widest(lines) <= 11);
  });

  it("cuts a word wider than a whole line rather than letting the terminal wrap it", () => {
    const lines = wrapWords(`short ${"x".repeat(50)} end`, 20, "", "  ");
    assert.ok(widest(lines) <= 20, lines.join("\n"));
    assert.equal(lines.join("").replace(/\s/g, ""), `short${"x".repeat(50)}end`);
  });
});

describe("wrapUsage", () => {
  const restart = "restart dispatch <project> | guardian | daemon|watcher <nodes> | service <nodes> <unit> (nodes: node...|--all|--tag T) [--parallel N]";

  it("splits at the ` | ` between forms, not inside brackets", () => {
    assert.deepEqual(splitAlternatives("check [--all | <check>] [--node N] | check --rearm <check>", true), ["check [--all | <check>] [--node N]", "| check --rearm <check>"]);
    assert.deepEqual(splitAlternatives("a [b | c]", false), ["a [b", "| c]"]);
  });

  it("keeps a usage that fits on one line", () => {
    assert.deepEqual(wrapUsage(restart, 200, "  ", "      "), [`  ${restart}`]);
  });

  it("breaks a usage wider than the terminal at ` | `, continuation lines indented and starting with the form's `|`", () => {
    const lines = wrapUsage(restart, 80, "  operator  ", "                ");
    assert.ok(widest(lines) <= 80, lines.join("\n"));
    assert.equal(lines[0], "  operator  restart dispatch <project> | guardian | daemon|watcher <nodes>");
    assert.match(lines[1]!, /^ {16}\| service <nodes> <unit>/);
    assert.equal(lines.join(" ").replace(/\s+/g, " ").trim(), `operator ${restart}`);
  });

  it("breaks a bracketed group only where it must, between whole options", () => {
    const nodes = "nodes [add <name> [--host H] [--port P] [--user U] [--dispatch-dir D] [--tags a,b] [--fingerprint SHA256:...] | remove <name>] [--json]";
    for (const width of [40, 60, 80]) {
      const lines = wrapUsage(nodes, width, "  ", "      ");
      assert.ok(widest(lines) <= width, lines.join("\n"));
      for (const option of ["[--dispatch-dir D]", "[--tags a,b]", "[--fingerprint SHA256:...]"]) assert.ok(lines.some((l) => l.includes(option)), `${width}: ${option} kept whole\n${lines.join("\n")}`);
    }
  });
});

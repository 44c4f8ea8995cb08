import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cjkPieces, wrapWords } from "../../../src/help/wrap.ts";
import { displayWidth } from "../../../src/render/paint.ts";

const widest = (lines: string[]) => Math.max(...lines.map(displayWidth));

describe("wrapWords with Chinese (no spaces)", () => {
  const text = "立即运行守护的检查（db_schema、wrapper_version、ssh_connection）：每个失败只列一次，附受影响节点";

  it("breaks between Chinese characters, using the width instead of cutting whole sentences to the next line", () => {
    for (const width of [20, 30, 41, 60]) {
      const lines = wrapWords(text, width, "  ", "  ");
      assert.ok(widest(lines) <= width, `${width}\n${lines.join("\n")}`);
      assert.equal(lines.map((l) => l.slice(2)).join(""), text, "nothing lost, no spaces added");
    }
    const lines = wrapWords("节点节点节点节点节点", 11);
    assert.deepEqual(lines, ["节点节点节", "点节点节点"]);
  });

  it("keeps an ASCII name whole and does not start a line with a closing mark or end one with an opening mark", () => {
    // From 20 columns every piece fits a line (narrower, a word wider than the line is cut anyhow).
    for (let width = 20; width <= 40; width++) {
      const lines = wrapWords(text, width);
      assert.ok(widest(lines) <= width, lines.join("\n"));
      for (const l of lines) {
        assert.doesNotMatch(l, /^[，。、；：）]/, `${width}: ${l}`);
        assert.doesNotMatch(l, /（$/, `${width}: ${l}`);
      }
      for (const name of ["db_schema", "wrapper_version", "ssh_connection"]) assert.ok(lines.some((l) => l.includes(name)), `${width}: ${name} whole\n${lines.join("\n")}`);
    }
  });

  it("keeps the spaces that were there between mixed words", () => {
    assert.deepEqual(wrapWords("在 stdout 输出一个 JSON 文档", 80), ["在 stdout 输出一个 JSON 文档"]);
  });

  it("splits a word only next to a wide character", () => {
    assert.deepEqual(cjkPieces("ASCII_only-word"), ["ASCII_only-word"]);
    assert.deepEqual(cjkPieces("节点的dispatch目录"), ["节", "点", "的", "dispatch", "目", "录"]);
    assert.deepEqual(cjkPieces("（默认1）。"), ["（默", "认", "1）。"]);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { displayWidth, PLAIN, resolvePaint, terminalPaint } from "../../../src/render/paint.ts";
import { terminalText } from "../../../src/render/terminal-text.ts";

// eslint-disable-next-line no-control-regex
const ESC = /\x1b/;

describe("paint", () => {
  it("plain paint adds nothing: no symbols, no colour", () => {
    assert.equal(PLAIN.tone("fail", "x") + PLAIN.mark("fail"), "x");
  });
  it("a colour terminal gets SGR colour only after the markers are resolved, and they survive terminalText", () => {
    const p = terminalPaint(true);
    const text = `${p.mark("fail")}${p.tone("fail", "FAILED")} on node-2`;
    const shown = resolvePaint(terminalText(text), true);
    assert.match(shown, /\x1b\[1;31m✖\x1b\[0m \x1b\[1;31mFAILED\x1b\[0m on node-2/);
  });
  it("a terminal without colour (NO_COLOR) keeps the symbols and has no escape sequence", () => {
    const p = terminalPaint(false);
    const shown = resolvePaint(terminalText(`${p.mark("ok")}${p.tone("ok", "passed")}`), false);
    assert.equal(shown, "✔ passed");
    assert.doesNotMatch(shown, ESC);
  });
  it("text from a node cannot forge a colour: escapes are taken out and look-alike markers stay inert", () => {
    const forged = "\uE000deadbeef0000fail\uE001 \x1b[2J\x1b]52;c;aGk=\x07 boom";
    const shown = resolvePaint(terminalText(forged), true);
    assert.doesNotMatch(shown, ESC);
  });
  it("measures display width: colours take none, CJK takes two", () => {
    const p = terminalPaint(true);
    assert.equal(displayWidth(p.tone("fail", "abc")), 3);
    assert.equal(displayWidth("节点 ok"), 7);
  });
});

// terminalText: what outside text may not do to a terminal once Oyster prints it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { terminalText } from "../../../src/render/terminal-text.ts";

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("terminalText", () => {
  it("takes out OSC 52 (clipboard), a window title and a screen clear whole, keeping tab and newline", () => {
    const text = "before\x1b]52;c;ZWNobyBwd25lZA==\x07 mid\x1b]0;owned\x1b\\\ttab\n\x1b[2J\x1b[Hafter";
    assert.equal(terminalText(text), "before mid\ttab\nafter");
  });

  it("takes out colours, 8-bit CSI and OSC, other escapes, CR, backspace, BEL and NUL", () => {
    const text = "\x1b[1;31mred\x1b[0m \u009b2J\u009d2;t\u009c \x1bc\x1b(0x\rline\x08\x07\x00\x7f end";
    const out = terminalText(text);
    assert.doesNotMatch(out, CONTROLS);
    assert.equal(out, "red  xline end");
  });

  it("leaves the text of an unterminated sequence visible but inert, and plain text untouched", () => {
    assert.equal(terminalText("a\x1b]52;c;unterminated"), "a52;c;unterminated");
    const plain = "héllo ✓ wörld\t$HOME {node} 100%\n";
    assert.equal(terminalText(plain), plain);
  });
});

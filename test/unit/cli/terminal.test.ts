import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readTerminal } from "../../../src/cli/terminal.ts";

describe("readTerminal", () => {
  const tty = { isTTY: true, columns: 132 };
  it("a terminal gets colour and its own width", () => {
    assert.deepEqual(readTerminal({}, tty, false), { tty: true, colour: true, columns: 132 });
  });
  it("NO_COLOR (any non-empty value) turns colour off but it is still a terminal", () => {
    assert.deepEqual(readTerminal({ NO_COLOR: "1" }, tty, false), { tty: true, colour: false, columns: 132 });
    assert.equal(readTerminal({ NO_COLOR: "" }, tty, false).colour, true);
  });
  it("a pipe gets no colour, unless FORCE_COLOR asks for it; 80 columns when nothing says", () => {
    assert.deepEqual(readTerminal({}, {}, false), { tty: false, colour: false, columns: 80 });
    assert.equal(readTerminal({ FORCE_COLOR: "1" }, {}, false).colour, true);
    assert.equal(readTerminal({ FORCE_COLOR: "0" }, {}, false).colour, false);
  });
  it("--json: never colour or a terminal, even with FORCE_COLOR", () => {
    assert.deepEqual(readTerminal({ FORCE_COLOR: "1" }, tty, true), { tty: false, colour: false, columns: 132 });
  });
  it("COLUMNS wins over the terminal's width; a malformed one is ignored", () => {
    assert.equal(readTerminal({ COLUMNS: "80" }, tty, false).columns, 80);
    assert.equal(readTerminal({ COLUMNS: "wide" }, tty, false).columns, 132);
    assert.equal(readTerminal({ COLUMNS: "0" }, {}, false).columns, 80);
  });
});

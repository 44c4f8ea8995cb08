// The Slack view of a long log: its end, within one section's 3000 characters, and a note.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tailBlocks } from "../../../src/troubleshoot/tail-blocks.ts";

type Block = { type: string; text?: { text: string }; elements?: Array<{ text: string }> };

describe("tailBlocks", () => {
  it("keeps the last lines that fit, says how many earlier ones were cut and how to see them", () => {
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i} <@U123> ${"x".repeat(40)}`);
    const blocks = tailBlocks("dispatch.log: last 500 lines", lines, "oyster logs dispatch --lines 500") as Block[];
    const code = blocks[1]!.text!.text;
    assert.ok(code.length <= 3000, `${code.length}`);
    assert.ok(code.endsWith("line 499 &lt;@U123&gt; " + "x".repeat(40) + "```"));
    const shown = code.split("\n").length;
    const note = blocks[2]!.elements![0]!.text;
    assert.match(note, new RegExp(`^${500 - shown} earlier lines not shown here: \`oyster logs dispatch --lines 500\``));
  });

  it("has no cut note when everything fits, and no code block for no lines", () => {
    assert.equal(tailBlocks("t", ["a", "b"], "c").length, 2);
    assert.equal(tailBlocks("t", [], "c").length, 1);
  });
});

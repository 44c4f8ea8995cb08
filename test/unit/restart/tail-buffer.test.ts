import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TailBuffer } from "../../../src/restart/tail-buffer.ts";

describe("TailBuffer", () => {
  it("keeps everything under the cap", () => {
    const b = new TailBuffer(10);
    b.push(Buffer.from("abc"));
    b.push(Buffer.from("def"));
    assert.equal(b.text(), "abcdef");
    assert.equal(b.truncated, false);
  });

  it("keeps the last bytes over the cap, across and within chunks", () => {
    const b = new TailBuffer(5);
    b.push(Buffer.from("abc"));
    b.push(Buffer.from("defg"));
    assert.equal(b.text(), "cdefg");
    b.push(Buffer.from("0123456789"));
    assert.equal(b.text(), "56789");
    assert.equal(b.truncated, true);
  });
});

import assert from "node:assert/strict";

type B = Record<string, any>;

/**
 * Block Kit's published limits (a message over them is refused with invalid_blocks): 50 blocks;
 * section text 3000, at most 10 fields of 2000; context at most 10 elements; actions at most 25
 * elements; button text 75, value 2000; ids 255; the message text 40000.
 */
export function assertWithinSlackLimits(m: { text: string; blocks: B[] }): void {
  assert.ok(m.text.length <= 40_000, `text ${m.text.length}`);
  assert.ok(m.blocks.length <= 50, `${m.blocks.length} blocks`);
  const blockIds = m.blocks.map((b) => b.block_id).filter(Boolean);
  assert.equal(new Set(blockIds).size, blockIds.length, "block ids are unique");
  for (const b of m.blocks) {
    if (b.block_id) assert.ok(b.block_id.length <= 255);
    if (b.type === "section") {
      if (b.text) assert.ok(b.text.text.length <= 3000, `section text ${b.text.text.length}`);
      if (b.fields) {
        assert.ok(b.fields.length <= 10);
        for (const f of b.fields) assert.ok(f.text.length <= 2000, `field ${f.text.length}`);
      }
    }
    if (b.type === "context") {
      assert.ok(b.elements.length <= 10);
      for (const e of b.elements) assert.ok(e.text.length <= 3000, `context ${e.text.length}`);
    }
    if (b.type === "actions") {
      assert.ok(b.elements.length <= 25);
      for (const e of b.elements) {
        assert.ok(e.text.text.length <= 75 && e.value.length <= 2000 && e.action_id.length <= 255);
      }
    }
  }
}

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unifiedDiff } from "../../../src/units/line-diff.ts";

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    assert.equal(unifiedDiff("a\nb\n", "a\nb\n", "x", "y"), "");
  });

  it("shows a replaced line as - then +, with 3 lines of context, in separate hunks when far apart", () => {
    const before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
    const after = "1\n2\n3x\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n";
    assert.equal(
      unifiedDiff(before, after, "old", "new"),
      "--- old\n+++ new\n@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+3x\n 4\n 5\n 6\n@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n",
    );
  });

  it("shows a new file as all additions", () => {
    assert.equal(unifiedDiff("", "a\nb\n", "/dev/null", "new"), "--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n");
  });
});

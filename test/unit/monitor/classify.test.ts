// A window's status from its numbers and monitor.thresholds.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classify, type Classifiable } from "../../../src/monitor/classify.ts";

const w = (over: Partial<Classifiable>): Classifiable => ({ remaining: 50, usedPct: 50, ...over });
const T = [80, 95];

describe("classify", () => {
  it("is low from the first threshold on, inclusive, and ok under it", () => {
    assert.equal(classify(w({ usedPct: 79.99 }), T), "ok");
    assert.equal(classify(w({ usedPct: 80 }), T), "low");
    assert.equal(classify(w({ usedPct: 96 }), T), "low");
  });

  it("is exhausted at 100 %, at nothing remaining, or when the provider said so", () => {
    assert.equal(classify(w({ usedPct: 100 }), T), "exhausted");
    assert.equal(classify(w({ usedPct: 40, remaining: 0 }), T), "exhausted");
    assert.equal(classify(w({ usedPct: null, remaining: null, status: "exhausted" }), T), "exhausted");
  });

  it("is error when the check failed, whatever the numbers", () => {
    assert.equal(classify(w({ status: "error", errorKind: "timeout" }), T), "error");
    assert.equal(classify(w({ usedPct: 10, errorKind: "key_rejected" }), T), "error");
  });

  it("is ok when no number is known (a spend window has no limit)", () => {
    assert.equal(classify(w({ usedPct: null, remaining: null }), T), "ok");
  });

  it("follows configured thresholds", () => {
    assert.equal(classify(w({ usedPct: 60 }), [50, 90]), "low");
  });
});

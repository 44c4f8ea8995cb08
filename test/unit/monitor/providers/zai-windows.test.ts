// Z.ai's limits[] entries: one window each, named from type + unit/number.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { zaiWindowName, zaiWindows } from "../../../../src/monitor/providers/zai-windows.ts";

describe("zaiWindowName", () => {
  it("names hour, day and week windows and gives their length", () => {
    assert.deepEqual(zaiWindowName("TOKENS_LIMIT", 3, 5), { name: "5h tokens", seconds: 18_000 });
    assert.deepEqual(zaiWindowName("TOKENS_LIMIT", 6, 1), { name: "weekly tokens", seconds: 604_800 });
    assert.deepEqual(zaiWindowName("CREDIT_LIMIT", 1, 1), { name: "daily credits", seconds: 86_400 });
  });

  it("shows unit 5 as given, with no length, since tools disagree on what it means", () => {
    assert.deepEqual(zaiWindowName("TIME_LIMIT", 5, 1), { name: "time (unit 5, number 1)", seconds: null });
  });
});

describe("zaiWindows", () => {
  it("keeps two entries that would share a name apart", () => {
    const entry = { type: "TOKENS_LIMIT", unit: 3, number: 5, usage: 10, currentValue: 1, remaining: 9, percentage: 10 };
    const names = zaiWindows({ data: { limits: [entry, entry] } })!.map((w) => w.window);
    assert.deepEqual(names, ["5h tokens", "5h tokens #2"]);
  });

  it("refuses shapes it does not know rather than guess", () => {
    assert.equal(zaiWindows({ data: { limits: [] } }), null);
    assert.equal(zaiWindows({ data: { limits: [{ usage: 1 }] } }), null);
    assert.equal(zaiWindows({ limits: [] }), null);
    assert.equal(zaiWindows("nope"), null);
  });
});

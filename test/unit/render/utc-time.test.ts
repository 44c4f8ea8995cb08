import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { utcMinute } from "../../../src/render/utc-time.ts";

describe("utcMinute", () => {
  it("shows ISO strings, epoch ms and Dates as date, minute and the clock's name", () => {
    assert.equal(utcMinute("2026-11-27T08:55:12.345Z"), "2026-11-27 08:55 UTC");
    assert.equal(utcMinute(Date.parse("2026-11-27T08:55:59Z")), "2026-11-27 08:55 UTC");
    assert.equal(utcMinute(new Date("2026-11-27T23:59:00+01:00")), "2026-11-27 22:59 UTC");
  });
  it("shows what is not a time as given, and nothing as a dash (or what the caller says)", () => {
    assert.equal(utcMinute("soon"), "soon");
    assert.equal(utcMinute(null), "-");
    assert.equal(utcMinute(undefined, "never"), "never");
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDuration } from "../../../src/config/index.ts";

describe("parseDuration", () => {
  it("converts seconds, minutes, hours and days to milliseconds", () => {
    assert.equal(parseDuration("45s"), 45_000);
    assert.equal(parseDuration("30m"), 1_800_000);
    assert.equal(parseDuration("1h"), 3_600_000);
    assert.equal(parseDuration("24h"), 86_400_000);
    assert.equal(parseDuration("7d"), 604_800_000);
  });

  it("tolerates surrounding whitespace", () => {
    assert.equal(parseDuration(" 5m "), 300_000);
  });

  for (const bad of ["", "30", "m", "1.5h", "-5m", "5 m", "5M", "1w", "1h30m", "ten minutes"]) {
    it(`rejects ${JSON.stringify(bad)} with a message naming the input and the format`, () => {
      assert.throws(() => parseDuration(bad), (err: Error) => {
        assert.ok(err.message.startsWith(`invalid duration ${JSON.stringify(bad)}: `), err.message);
        assert.match(err.message, /30m/);
        return true;
      });
    });
  }

  it("rejects a zero duration", () => {
    assert.throws(() => parseDuration("0m"), /invalid duration "0m": must be greater than zero/);
  });

  it("accepts up to 30 days", () => {
    assert.equal(parseDuration("30d"), 30 * 86_400_000);
    assert.equal(parseDuration("720h"), 30 * 86_400_000);
  });

  for (const long of ["31d", "721h", "43201m", "100000000d"]) {
    it(`rejects ${long} as longer than 30 days, naming the allowed range`, () => {
      assert.throws(() => parseDuration(long), new RegExp(`invalid duration "${long}": too large; allowed from 1s to 30d`));
    });
  }

  it("rejects a duration too large to represent exactly", () => {
    assert.throws(() => parseDuration("99999999999999999d"), /too large/);
  });
});

// `audit --since` looks back over months, unlike a snooze: its own bound is a year, still checked
// before anything is read, so a huge window is a usage error (exit 2), never an Invalid Date.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { prepare } from "../../../src/command/invoke.ts";
import type { CommandContext } from "../../../src/command/types.ts";
import { OysterError } from "../../../src/errors.ts";

const ctx = { commands, caller: { who: "cli:op", via: "cli", role: "admin" } } as unknown as CommandContext;

describe("audit arguments", () => {
  it("accepts a look-back longer than a snooze's 30 days (90d)", async () => {
    const prepared = await prepare(ctx, "audit", ["--since", "90d"]);
    assert.deepEqual(prepared.args, { sinceMs: 90 * 86_400_000 });
  });

  it("refuses more than 366 days as an invalid argument (exit 2) naming the range", async () => {
    await assert.rejects(prepare(ctx, "audit", ["--since", "100000000d"]), (err: unknown) => {
      assert.ok(err instanceof OysterError);
      assert.equal(err.exitCode, 2);
      assert.match(err.message, /too large; allowed from 1s to 366d/);
      return true;
    });
  });
});

// The argument path shared by the CLI and /oyster: `prepare` validates a snooze's duration
// before anything looks up the alert, so a bound is enforced for every caller alike.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { prepare } from "../../../src/command/invoke.ts";
import type { CommandContext } from "../../../src/command/types.ts";
import { OysterError } from "../../../src/errors.ts";

// Only the registry and the caller: a lookup of the alert or an audit row would throw here.
const ctx = { commands, caller: { who: "slack:UOPER", via: "slack", role: "operator" } } as unknown as CommandContext;

describe("snooze arguments", () => {
  for (const id of ["A1", "A999"]) {
    it(`refuses 100000000d for ${id} as an invalid argument (exit 2) naming the allowed range`, async () => {
      await assert.rejects(prepare(ctx, "snooze", [id, "100000000d"]), (err: unknown) => {
        assert.ok(err instanceof OysterError);
        assert.equal(err.code, "InvalidArgument");
        assert.equal(err.exitCode, 2);
        assert.match(err.message, /"100000000d": invalid duration "100000000d": too large; allowed from 1s to 30d/);
        return true;
      });
    });
  }

  it("accepts 30d", async () => {
    const prepared = await prepare(ctx, "snooze", ["A1", "30d"]);
    assert.deepEqual(prepared.args, { id: "A1", durationMs: 30 * 86_400_000 });
  });
});

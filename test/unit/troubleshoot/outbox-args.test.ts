// `outbox` is a viewer's read; `outbox retry` an operator's change, audited but never asked about.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { outbox } from "../../../commands/outbox.ts";
import { prepare } from "../../../src/command/invoke.ts";
import type { CommandContext } from "../../../src/command/types.ts";
import { OysterError } from "../../../src/errors.ts";

const audited: unknown[] = [];
const ctx = (role: string) =>
  ({ commands: [outbox], caller: { who: "slack:U1", via: "slack", role }, store: { audit: { start: (r: unknown) => audited.push(r) } } }) as unknown as CommandContext;

describe("outbox arguments and roles", () => {
  it("lets a viewer read the queue", async () => {
    const p = await prepare(ctx("viewer"), "outbox", []);
    assert.deepEqual([p.args, p.changes, p.confirm], [{ retry: false }, false, false]);
  });

  it("refuses retry to a viewer (exit 3, the refusal audited) and runs it for an operator without confirmation", async () => {
    await assert.rejects(prepare(ctx("viewer"), "outbox", ["retry"]), (err: unknown) => err instanceof OysterError && err.exitCode === 3);
    assert.equal(audited.length, 1);
    const p = await prepare(ctx("operator"), "outbox", ["retry"]);
    assert.deepEqual([p.args, p.changes, p.confirm], [{ retry: true }, true, false]);
  });

  it("refuses a second word", async () => {
    await assert.rejects(prepare(ctx("operator"), "outbox", ["retry", "now"]), (err: unknown) => err instanceof OysterError && err.exitCode === 2 && /one subcommand at most/.test(err.message));
  });
});

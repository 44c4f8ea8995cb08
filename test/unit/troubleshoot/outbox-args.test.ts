// `outbox` is an operator's read (the queue holds alert text, reports and delivery errors);
// `outbox retry` an operator's change, audited but never asked about.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { outbox } from "../../../commands/outbox.ts";
import { prepare } from "../../../src/command/invoke.ts";
import type { CommandContext } from "../../../src/command/types.ts";
import { OysterError } from "../../../src/errors.ts";

function ctx(role: string) {
  const audited: Array<{ decision: string }> = [];
  const c = { commands: [outbox], caller: { who: "slack:U1", via: "slack", role }, store: { audit: { start: (r: { decision: string }) => audited.push(r) } } } as unknown as CommandContext;
  return { c, audited };
}

const unauthorized = (err: unknown) => err instanceof OysterError && err.code === "Unauthorized" && err.exitCode === 3;

describe("outbox arguments and roles", () => {
  it("refuses a viewer the queue and its retry (exit 3, each refusal audited as denied)", async () => {
    const { c, audited } = ctx("viewer");
    await assert.rejects(prepare(c, "outbox", []), unauthorized);
    await assert.rejects(prepare(c, "outbox", ["retry"]), unauthorized);
    assert.deepEqual(audited.map((r) => r.decision), ["denied", "denied"]);
  });

  it("lets an operator read the queue, and run retry without confirmation", async () => {
    const { c } = ctx("operator");
    const read = await prepare(c, "outbox", []);
    assert.deepEqual([read.args, read.changes, read.confirm], [{ retry: false }, false, false]);
    const p = await prepare(c, "outbox", ["retry"]);
    assert.deepEqual([p.args, p.changes, p.confirm], [{ retry: true }, true, false]);
  });

  it("refuses a second word", async () => {
    await assert.rejects(prepare(ctx("operator").c, "outbox", ["retry", "now"]), (err: unknown) => err instanceof OysterError && err.exitCode === 2 && /one subcommand at most/.test(err.message));
  });
});

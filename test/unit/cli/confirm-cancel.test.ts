// The y/N question ending without an answer: Ctrl-C typed into it (a person's terminal, where
// readline reads in raw mode and takes Ctrl-C itself) or the request cancelled elsewhere (the
// running bot's caller). Either is "cancelled", never a crash, and the terminal is let go.
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { confirmPlan } from "../../../src/cli/confirm.ts";

const PLAN = { summary: "restart agent-daemon on node-1", steps: ["on node-1: sudo -n systemctl restart 'agent-daemon'"] };

/** A terminal: stdin and stderr both TTYs, so readline asks in raw mode as at a person's shell. */
function terminal() {
  const input = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (on: boolean) => void };
  input.isTTY = true;
  input.setRawMode = () => undefined;
  const output = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  output.isTTY = true;
  output.columns = 80;
  let shown = "";
  output.on("data", (d) => (shown += d));
  return { io: { input, output }, input, shown: () => shown };
}

const asked = async (t: ReturnType<typeof terminal>) => {
  while (!t.shown().includes("Proceed? [y/N] ")) await new Promise((r) => setImmediate(r));
};

describe("confirmPlan, unanswered", () => {
  it("Ctrl-C typed at the question (raw mode) is cancelled, and the terminal is let go", async () => {
    const t = terminal();
    const answer = confirmPlan(PLAN, false, t.io);
    await asked(t);
    t.input.write("\x03");
    assert.equal(await answer, "cancelled");
    assert.equal(t.input.isPaused(), true, "the terminal is no longer read");
    assert.match(t.shown(), /^restart agent-daemon on node-1\n {2}- on node-1: /);
  });

  it("y in raw mode is still confirmed", async () => {
    const t = terminal();
    const answer = confirmPlan(PLAN, false, t.io);
    await asked(t);
    t.input.write("y\r");
    assert.equal(await answer, "confirmed");
  });

  it("the signal aborting while asked is cancelled, and the terminal is let go", async () => {
    const t = terminal();
    const controller = new AbortController();
    const answer = confirmPlan(PLAN, false, t.io, controller.signal);
    await asked(t);
    controller.abort();
    assert.equal(await answer, "cancelled");
    assert.equal(t.input.isPaused(), true, "the terminal is no longer read");
  });

  it("a signal already aborted: cancelled without showing or asking anything", async () => {
    const t = terminal();
    const controller = new AbortController();
    controller.abort();
    assert.equal(await confirmPlan(PLAN, false, t.io, controller.signal), "cancelled");
    assert.equal(t.shown(), "");
  });

  it("--yes and no terminal answer as before, signal or not", async () => {
    const controller = new AbortController();
    assert.equal(await confirmPlan(PLAN, true, terminal().io, controller.signal), "confirmed");
    assert.equal(await confirmPlan(PLAN, false, { input: new PassThrough(), output: new PassThrough() }, controller.signal), "refused");
  });
});

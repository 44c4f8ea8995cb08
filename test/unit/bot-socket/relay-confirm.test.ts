// The bot's side of a confirmation: the plan goes to the caller's terminal, and only the caller's
// own "confirmed" runs the command. Anything else (an unknown answer, the caller gone) is a no.
import assert from "node:assert/strict";
import type { Socket } from "node:net";
import { describe, it } from "node:test";
import { RelayConfirm } from "../../../src/bot-socket/relay-confirm.ts";
import type { Plan } from "../../../src/command/types.ts";

/** A socket that records the lines the bot sends. */
function fakeSocket() {
  const sent: unknown[] = [];
  const socket = { destroyed: false, writable: true, write: (s: string) => sent.push(JSON.parse(s)) } as unknown as Socket;
  return { socket, sent };
}

const PLAN: Plan = { summary: "restart agent-daemon (the daemon) on node-1", steps: ["on node-1: sudo -n systemctl restart 'agent-daemon' (now active)"] };

describe("RelayConfirm", () => {
  it("sends the plan to the caller and resolves with the caller's answer", async () => {
    for (const answer of ["confirmed", "cancelled", "refused"] as const) {
      const { socket, sent } = fakeSocket();
      const relay = new RelayConfirm(socket, new AbortController().signal);
      const asked = relay.ask(PLAN, false);
      assert.deepEqual(sent, [{ plan: PLAN, yes: false }]);
      relay.answer(answer);
      assert.equal(await asked, answer);
    }
  });

  it("a command with no plan is still asked about (the CLI shows its generic line)", async () => {
    const { socket, sent } = fakeSocket();
    const relay = new RelayConfirm(socket, new AbortController().signal);
    const asked = relay.ask(undefined, false);
    assert.deepEqual(sent, [{ plan: null, yes: false }]);
    relay.answer("confirmed");
    assert.equal(await asked, "confirmed");
  });

  it("an unknown answer counts as cancelled, never as a yes", async () => {
    for (const odd of ["y", "yes", "CONFIRMED", true, 1, null, undefined, { confirmed: true }]) {
      const { socket } = fakeSocket();
      const relay = new RelayConfirm(socket, new AbortController().signal);
      const asked = relay.ask(PLAN, false);
      relay.answer(odd);
      assert.equal(await asked, "cancelled", JSON.stringify(odd));
    }
  });

  it("the caller going away (the request's signal aborting) while asked is cancelled", async () => {
    const { socket } = fakeSocket();
    const controller = new AbortController();
    const relay = new RelayConfirm(socket, controller.signal);
    const asked = relay.ask(PLAN, false);
    controller.abort();
    assert.equal(await asked, "cancelled");
    // A late answer from the caller changes nothing.
    relay.answer("confirmed");
    assert.equal(await asked, "cancelled");
  });

  it("asked after the caller went away: cancelled, without waiting for an answer that cannot come", async () => {
    const { socket, sent } = fakeSocket();
    const controller = new AbortController();
    const relay = new RelayConfirm(socket, controller.signal);
    controller.abort();
    assert.equal(await relay.ask(PLAN, false), "cancelled");
    assert.deepEqual(sent, [], "no plan sent to a caller who is gone");
  });

  it("--yes is confirmed without asking the caller anything", async () => {
    const { socket, sent } = fakeSocket();
    const relay = new RelayConfirm(socket, new AbortController().signal);
    assert.equal(await relay.ask(PLAN, true), "confirmed");
    assert.deepEqual(sent, []);
  });

  it("--yes from a caller who went away before the question is cancelled: nothing of it runs", async () => {
    const { socket, sent } = fakeSocket();
    const controller = new AbortController();
    const relay = new RelayConfirm(socket, controller.signal);
    controller.abort();
    assert.equal(await relay.ask(PLAN, true), "cancelled");
    assert.deepEqual(sent, []);
  });

  it("an answer nobody asked for is ignored", async () => {
    const { socket } = fakeSocket();
    const relay = new RelayConfirm(socket, new AbortController().signal);
    relay.answer("confirmed");
    const asked = relay.ask(PLAN, false);
    relay.answer("cancelled");
    assert.equal(await asked, "cancelled");
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { botCliContext } from "../../../src/bot-socket/bot-context.ts";
import type { AnyCommand } from "../../../src/command/types.ts";
import type { Config } from "../../../src/config/index.ts";
import { progressFor } from "../../../src/progress/for-context.ts";
import { NO_PROGRESS } from "../../../src/progress/progress.ts";
import type { Runtime } from "../../../src/runtime.ts";

const config = { oyster: { locale: "en" } } as Config;
const log = { child: () => log };
const runtime = { config, store: {}, ssh: {}, log, now: () => new Date(), processEnv: {}, env: { dataDir: "/nonexistent" } } as unknown as Runtime;
const cmd = { name: "sync" } as AnyCommand;

/** The context the bot gives a CLI request, its stdout the caller's over the socket. */
function requestContext(stdoutTty: boolean, json = false) {
  const relayed: string[] = [];
  const out = { stdout: { write: (s: string) => void relayed.push(s) }, stderr: { write: () => undefined } };
  const ctx = botCliContext({ runtime, commands: [] }, cmd, { user: "op", json, stdoutTty, signal: new AbortController().signal, out });
  return { ctx, relayed };
}

describe("progress when the bot answers over oyster.sock", () => {
  it("draws on the caller's terminal, through the socket, when the caller's stdout is a terminal", () => {
    const { ctx, relayed } = requestContext(true);
    const p = progressFor(ctx);
    p.start(3, "sync");
    p.step(1, ["node-2"]);
    p.end();
    assert.deepEqual(relayed, ["\r\x1b[2Ksync: 1/3 nodes done (0 s); working on node-2", "\r\x1b[2K"]);
  });

  it("reports nothing when the caller's stdout is a pipe, or with --json", () => {
    assert.equal(progressFor(requestContext(false).ctx), NO_PROGRESS);
    assert.equal(progressFor(requestContext(true, true).ctx), NO_PROGRESS);
  });
});

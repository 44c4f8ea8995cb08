// The live line of each long operation but sync (cli-progress.test.ts has that one), run
// in-process with a stdout that is a terminal, over real sshd nodes: a rolling restart held on
// one node, and install-daemon. Each line is erased before the result, which starts clean.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { notTerminal } from "../../helpers/in-process-cli.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { makeInstallFleet } from "../units/install-fixture.ts";
import { makeRestartFleet } from "../restart/restart-fixture.ts";

const CLEAR_LINE = "\r\x1b[2K";
// eslint-disable-next-line no-control-regex
const CONTROL = /[\r\x1b\x9b]/;

/** `oyster <args>` in this process, its stdout a terminal (or not) that keeps what it was sent. */
function run(env: NodeJS.ProcessEnv, args: string[], isTTY = true) {
  let screen = "";
  let err = "";
  const out = { stdout: { isTTY, write: (s: string) => (screen += s) }, stderr: { write: (s: string) => (err += s) } };
  const done = runCli(args, { env, out, io: notTerminal() });
  return { done, screen: () => screen, err: () => err };
}

/** The draws on the screen: each redraw's text, and last what followed the last erase. */
const draws = (screen: string) => screen.split(CLEAR_LINE).slice(1);

describe("live progress of the other long operations", () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig(3, { services: ["agent-daemon"] });
  });
  after(async () => {
    rig?.node("node-2").holdRestarts("agent-daemon", false);
    await rig?.close();
  });

  it("a rolling restart names the node it waits on, then erases its line before the result", async () => {
    const fleet = makeRestartFleet(rig, { "node-1": ["agent-daemon"], "node-2": ["agent-daemon"], "node-3": ["agent-daemon"] }, []);
    rig.node("node-2").holdRestarts("agent-daemon", true);
    const r = run(fleet.env, ["restart", "daemon", "--all", "--yes"]);
    await waitUntil(() => rig.node("node-2").restartHeld("agent-daemon"), "node-2's restart in flight");
    const line = await waitUntil(() => draws(r.screen()).find((d) => d.includes("working on node-2")), () => `the line naming node-2: ${JSON.stringify(r.screen())}`);
    assert.match(line, /^restart: 1\/3 nodes done \(\d+ s\); working on node-2$/);
    rig.node("node-2").holdRestarts("agent-daemon", false);
    assert.equal(await r.done, 0, r.err());
    const all = draws(r.screen());
    assert.ok(all.slice(0, -1).every((d) => /^restart: \d\/3 nodes done/.test(d) && !d.includes("\n")), JSON.stringify(all));
    assert.match(all.at(-1)!, /done: node-1, node-2, node-3; failed: none; left untouched: none/);
    assert.doesNotMatch(all.at(-1)!, CONTROL);
  });

  it("install-daemon draws its line on a terminal and nothing in a pipe", async () => {
    const fleet = makeInstallFleet(rig);
    const tty = run(fleet.env, ["install-daemon", "node-1", "node-2", "--dry-run"]);
    assert.equal(await tty.done, 0, tty.err());
    const all = draws(tty.screen());
    assert.ok(all.length >= 2, JSON.stringify(tty.screen()));
    assert.ok(all.slice(0, -1).every((d) => /^install-daemon \(comparing\): \d\/2 nodes done/.test(d)), JSON.stringify(all));
    assert.doesNotMatch(all.at(-1)!, CONTROL);

    const piped = run(fleet.env, ["install-daemon", "node-1", "node-2", "--yes"], false);
    assert.equal(await piped.done, 0, piped.err());
    assert.doesNotMatch(piped.screen(), CONTROL, JSON.stringify(piped.screen()));
    assert.match(piped.screen(), /node-1/);
  });
});

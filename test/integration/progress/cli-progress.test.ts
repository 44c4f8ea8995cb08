// Progress on the real `oyster` bin over real sshd nodes: a live line redrawn in place when
// stdout is a terminal (a pty from util-linux `script`), erased before the result; nothing at all
// in a pipe or with --json. A restart held in the rig's systemctl shim keeps the sync on its last
// node for as long as the test needs to see the line, without timing.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { after, before, describe, it } from "node:test";
import type { Readable } from "node:stream";
import { requireTool } from "../../helpers/find-tool.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { PROJECT_ROOT } from "../../helpers/spawn-tsx.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { makeSyncFleet, type SyncFleet } from "../sync/sync-fixture.ts";

const CLEAR_LINE = "\r\x1b[2K";
const STALE = "# task-watcher.py, an old copy\n";
const RESTART = { "task-watcher.py": ["{node}-watcher"] };
const NODES = ["node-1", "node-2", "node-3"];
// eslint-disable-next-line no-control-regex
const CONTROL = /[\r\x1b\x9b]/;

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** The bin with stdout (and stdin) on a pty: what the terminal shows, CR LF line ends and all. */
function onPty(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; screen: () => string; done: Promise<number | null> } {
  const script = requireTool("script", "bsdutils");
  const version = spawnSync(script, ["--version"], { encoding: "utf8" });
  assert.match(`${version.stdout}${version.stderr}`, /util-linux/, "these tests put the CLI on a terminal with util-linux's `script -q -e -c`");
  const line = ["exec", process.execPath, `${PROJECT_ROOT}/bin/oyster.js`, ...args].map(quote).join(" ");
  // stderr (logs) to a pipe of its own: the screen is stdout's.
  const child = spawn(script, ["-q", "-e", "-c", `${line} 2>&3`, "/dev/null"], { cwd: PROJECT_ROOT, env: { ...env, COLUMNS: "100" }, stdio: ["pipe", "pipe", "ignore", "pipe"] });
  let screen = "";
  child.stdout!.on("data", (d) => (screen += d));
  (child.stdio[3] as Readable).resume();
  const done = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  return { child, screen: () => screen, done };
}

describe("progress on the CLI", () => {
  let rig: Rig;
  let fleet: SyncFleet;
  const live: ChildProcess[] = [];

  before(async () => {
    rig = await startRig(3, { services: ["agent-daemon", ...NODES.map((n) => `${n}-watcher`)] });
    // A held restart must outlast the default 5 s command timeout the rig config sets.
    fleet = makeSyncFleet(rig, { oyster: { sync: { restart: RESTART } }, ssh: { commandTimeoutMs: 60_000 } });
    const first = await fleet.run(["sync", "--yes"]);
    assert.equal(first.code, 0, JSON.stringify(first.doc));
  });
  after(async () => {
    for (const c of live) c.kill("SIGKILL");
    for (const n of NODES) rig?.node(n).holdRestarts("node-3-watcher", false);
    await rig?.close();
  });

  const staleEverywhere = () => {
    for (const n of NODES) fleet.putOnNode(n, "task-watcher.py", STALE, 0o750);
  };

  it("on a terminal: one line redrawn in place while node-3 is held, erased before the result, which starts on a clean line", async () => {
    staleEverywhere();
    rig.node("node-3").holdRestarts("node-3-watcher", true);
    const run = onPty(["sync", "--yes"], fleet.env);
    live.push(run.child);
    const waiting = await waitUntil(
      () => run.screen().split(CLEAR_LINE).find((l) => l.startsWith("sync: 2/3 nodes done") && l.includes("working on node-3")) ?? (run.child.exitCode !== null && `exited ${run.child.exitCode}`),
      () => `the live line naming node-3; the screen so far: ${JSON.stringify(run.screen())}`,
      30_000,
    );
    assert.match(waiting, /^sync: 2\/3 nodes done \(\d+ s\); working on node-3$/);
    assert.equal(rig.node("node-3").restartHeld("node-3-watcher"), true);
    rig.node("node-3").holdRestarts("node-3-watcher", false);
    assert.equal(await run.done, 0, run.screen());

    const screen = run.screen();
    const draws = screen.split(CLEAR_LINE).slice(1);
    assert.ok(draws.length >= 3, `the line was drawn and redrawn: ${JSON.stringify(screen)}`);
    assert.equal(screen.indexOf(CLEAR_LINE), 0, "the first thing on the screen is the live line");
    // Every draw but the last is the live line alone: no new line, so it stays one line.
    for (const d of draws.slice(0, -1)) assert.match(d, /^sync: \d\/3 nodes done \(\d+ s\)(; working on node-\d(, node-\d)*)?$/, JSON.stringify(d));
    // The last erase leaves a clean line and the result follows it, with nothing else of ours.
    const result = draws.at(-1)!;
    assert.match(result, /^NODE +RESULT +DETAIL\r\n/);
    assert.match(result, /3 nodes: 3 changed \(3 files\), 0 unchanged, 0 failed; restarted node-1-watcher on node-1, node-2-watcher on node-2, node-3-watcher on node-3\r\n$/);
    assert.doesNotMatch(result.replaceAll("\r\n", "\n"), CONTROL, "no CR or escape in the result");
  });

  it("with --json on a terminal: the one JSON document and nothing else", async () => {
    staleEverywhere();
    const run = onPty(["sync", "--yes", "--json"], fleet.env);
    live.push(run.child);
    assert.equal(await run.done, 0, run.screen());
    const out = run.screen().replaceAll("\r\n", "\n");
    assert.doesNotMatch(out, CONTROL, JSON.stringify(out));
    const doc = JSON.parse(out);
    assert.equal(out, `${JSON.stringify(doc, null, 2)}\n`);
    assert.deepEqual(doc.totals, { nodes: 3, changed: 3, unchanged: 0, failed: 0, wouldChange: 0, files: 3 });
  });

  it("in a pipe: the same sync prints no CR and no escape sequence, as text or as --json", async () => {
    staleEverywhere();
    const text = await runOyster(["sync", "--yes"], fleet.env);
    assert.equal(text.code, 0, text.stderr);
    assert.doesNotMatch(text.stdout, CONTROL, JSON.stringify(text.stdout));
    assert.match(text.stdout, /^NODE +RESULT +DETAIL\n/);
    assert.match(text.stdout, /\n3 nodes: 3 changed \(3 files\), 0 unchanged, 0 failed; restarted /);

    staleEverywhere();
    const json = await runOyster(["sync", "--yes", "--json"], fleet.env);
    assert.equal(json.code, 0, json.stderr);
    assert.doesNotMatch(json.stdout, CONTROL);
    assert.equal(json.stdout, `${JSON.stringify(JSON.parse(json.stdout), null, 2)}\n`);
  });
});

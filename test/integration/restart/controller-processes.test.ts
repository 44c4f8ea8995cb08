// The bound on processes Oyster starts on the controller (src/restart/controller-processes.ts):
// real `/bin/sh` processes started by the real commands, run in-process so that every caller
// shares the one process-wide limiter, as the bot's Slack users do.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CONTROLLER_PROCESSES, controllerProcesses } from "../../../src/restart/controller-processes.ts";
import { inProcessCli } from "../../helpers/in-process-cli.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

// Each process says when it starts and ends, then holds until the test writes `release`.
const HOLD = 'echo "start $$" >> events.log; while [ ! -f release ]; do sleep 0.02; done; echo "end $$" >> events.log';

function sandbox() {
  const root = tmpDir();
  const dispatchDir = join(root, "dispatch");
  const configDir = join(root, "config");
  mkdirSync(dispatchDir);
  mkdirSync(configDir);
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ dispatch: { dir: dispatchDir, statusCommand: HOLD, startCommand: HOLD, stopCommand: HOLD } }));
  writeFileSync(join(configDir, "projects.json"), JSON.stringify({ projects: [{ name: "web" }] }));
  const env = { HOME: root, PATH: process.env.PATH, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(root, "data") };
  const events = () => (existsSync(join(dispatchDir, "events.log")) ? readFileSync(join(dispatchDir, "events.log"), "utf8").trim().split("\n") : []);
  const starts = () => events().filter((e) => e.startsWith("start")).length;
  return { cli: inProcessCli(env), events, starts, release: () => writeFileSync(join(dispatchDir, "release"), "") };
}

/** The most processes that were between their start and their end at any one time. */
function peak(events: string[]): number {
  let now = 0;
  let most = 0;
  for (const e of events) {
    now += e.startsWith("start") ? 1 : -1;
    most = Math.max(most, now);
  }
  return most;
}

describe("processes on the controller", () => {
  it("runs at most 2 at once from dispatch status and restart dispatch; the others wait, then run", async () => {
    const s = sandbox();
    const runs = [
      s.cli(["dispatch", "status"]), s.cli(["restart", "dispatch", "web", "--yes"]), s.cli(["dispatch", "status"]),
      s.cli(["restart", "dispatch", "web", "--yes"]), s.cli(["dispatch", "status"]),
    ];
    try {
      await waitUntil(() => s.starts() === CONTROLLER_PROCESSES && controllerProcesses.waiting === 5 - CONTROLLER_PROCESSES, () => `2 running and 3 waiting (events: ${s.events().join(", ")}; waiting ${controllerProcesses.waiting})`);
      // Every caller has reached the limiter: 2 hold a slot, 3 wait, so no third process can start.
      assert.equal(s.starts(), 2);
    } finally {
      s.release();
    }
    const done = await Promise.all(runs);
    assert.deepEqual(done.map((r) => r.code), [0, 0, 0, 0, 0], done.map((r) => r.stderr).join("\n"));
    // 3 statuses and 2 restarts (stop, then start): 7 processes, never more than 2 at a time.
    assert.equal(s.starts(), 7);
    assert.equal(peak(s.events()), CONTROLLER_PROCESSES);
  });

  it("refuses a third caller as busy (exit 1) once it has waited, naming what runs; nothing else starts", async () => {
    const s = sandbox();
    const holders = [s.cli(["dispatch", "status"]), s.cli(["restart", "dispatch", "web", "--yes"])];
    try {
      await waitUntil(() => s.starts() === 2, () => `two processes running (events: ${s.events().join(", ")})`);
      const third = await s.cli(["dispatch", "status", "--json"]);
      assert.equal(third.code, 1, third.stdout);
      assert.equal(third.doc.error.code, "Busy");
      assert.match(third.doc.error.message, /^busy: 2 controller processes already running \((dispatch status, restart dispatch web|restart dispatch web, dispatch status)\); dispatch status waited 5 s and did not start: try again when one has finished$/);
      assert.equal(s.starts(), 2, "the refused caller started no process");
    } finally {
      s.release();
    }
    assert.deepEqual((await Promise.all(holders)).map((r) => r.code), [0, 0]);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Config } from "../../../src/config/index.ts";
import { progressFor } from "../../../src/progress/for-context.ts";
import { NO_PROGRESS, type Progress } from "../../../src/progress/progress.ts";

const config = { oyster: { locale: "en" } } as Config;

function run(p: Progress) {
  p.start(3, "sync");
  p.step(1, ["node-2"]);
  p.end();
}

describe("progressFor", () => {
  it("draws a live line when the CLI's stdout is a terminal", () => {
    const writes: string[] = [];
    run(progressFor({ config, stdout: { isTTY: true, write: (s: string) => writes.push(s) } }));
    assert.ok(writes.length >= 2, JSON.stringify(writes));
    assert.ok(writes.every((w) => w.startsWith("\r\x1b[2K")));
  });

  it("reports nothing to a pipe, nor with --json (the context then has no stdout)", () => {
    const writes: string[] = [];
    const piped = progressFor({ config, stdout: { isTTY: false, write: (s: string) => writes.push(s) } });
    run(piped);
    assert.equal(piped, NO_PROGRESS);
    assert.equal(progressFor({ config }), NO_PROGRESS);
    assert.deepEqual(writes, []);
  });

  it("uses the context's own progress when it has one (Slack's reply)", () => {
    const seen: string[] = [];
    const slack: Progress = { start: (n, task) => seen.push(`start ${n} ${task}`), step: (d) => seen.push(`step ${d}`), end: () => seen.push("end") };
    run(progressFor({ config, progress: slack, stdout: { isTTY: true, write: () => assert.fail("nothing on the terminal") } }));
    assert.deepEqual(seen, ["start 3 sync", "step 1", "end"]);
  });
});

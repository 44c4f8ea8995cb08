import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { translator } from "../../../src/locale/index.ts";
import { CLEAR_LINE, terminalProgress } from "../../../src/progress/terminal-progress.ts";
import { displayWidth } from "../../../src/render/paint.ts";

/** A stdout that is a terminal, recording what is written. */
function fakeTty() {
  const writes: string[] = [];
  return { isTTY: true, writes, write: (s: string) => void writes.push(s) };
}

/** The lines a terminal would show, each redraw's text after its `\r` + erase. */
/** Lets the first draw, queued by start, happen. */
const flush = () => Promise.resolve();

const drawn = (writes: string[]) => writes.filter((w) => w !== CLEAR_LINE).map((w) => w.slice(CLEAR_LINE.length));

describe("terminal progress", () => {
  beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "setInterval", "Date"] }));
  afterEach(() => mock.timers.reset());

  it("redraws one line in place as nodes settle and erases it at the end, so the result starts on a clean line", async () => {
    const out = fakeTty();
    const p = terminalProgress(out, translator("en"), { now: () => Date.now() });
    p.start(20, "sync");
    await flush();
    mock.timers.tick(150);
    p.step(7, ["node-9"]);
    p.end();
    assert.ok(out.writes.every((w) => w.startsWith(CLEAR_LINE)), "every write starts by going back to the line's start and erasing it");
    assert.ok(out.writes.every((w) => !w.includes("\n")), "never a new line: the line is redrawn in place");
    assert.deepEqual(drawn(out.writes), ["sync: 0/20 nodes done (0 s)", "sync: 7/20 nodes done (0 s); working on node-9"]);
    assert.equal(out.writes.at(-1), CLEAR_LINE, "the last write erases the line");
  });

  it("redraws at most every 100 ms, then draws the latest state once the interval has passed", async () => {
    const out = fakeTty();
    const p = terminalProgress(out, translator("en"), { now: () => Date.now() });
    p.start(50, "install");
    await flush();
    for (let i = 1; i <= 40; i++) p.step(i, [`node-${i + 1}`]);
    assert.equal(drawn(out.writes).length, 1, "40 steps within the same millisecond: only the first draw");
    mock.timers.tick(100);
    assert.deepEqual(drawn(out.writes), ["install-daemon: 0/50 nodes done (0 s)", "install-daemon: 40/50 nodes done (0 s); working on node-41"]);
    mock.timers.tick(500);
    assert.equal(drawn(out.writes).length, 2, "nothing new to show: no redraw before the elapsed-time tick");
    p.end();
  });

  it("keeps the elapsed time moving while a straggler holds the last node", async () => {
    const out = fakeTty();
    const p = terminalProgress(out, translator("en"), { now: () => Date.now() });
    p.start(3, "restart");
    await flush();
    p.step(2, ["node-3"]);
    mock.timers.tick(3000);
    assert.equal(drawn(out.writes).at(-1), "restart: 2/3 nodes done (3 s); working on node-3");
    p.end();
    mock.timers.tick(5000);
    assert.equal(out.writes.at(-1), CLEAR_LINE, "nothing is drawn after the end");
  });

  it("names three nodes under way and counts the rest, and never grows past the terminal's width", async () => {
    const out = fakeTty();
    const p = terminalProgress(out, translator("en"), { now: () => Date.now(), columns: 40 });
    p.start(20, "sync");
    await flush();
    mock.timers.tick(100);
    p.step(4, ["node-1", "node-2", "node-3", "node-4", "node-5"]);
    const lines = drawn(out.writes);
    assert.ok(lines.every((l) => displayWidth(l) <= 39), lines.join("\n"));
    assert.match(lines.at(-1)!, /^sync: 4\/20 nodes done \(0 s\); .*…$/);
    const wide = terminalProgress(out, translator("en"), { now: () => Date.now(), columns: 200 });
    wide.start(20, "sync");
    await flush();
    wide.step(4, ["node-1", "node-2", "node-3", "node-4", "node-5"]);
    mock.timers.tick(100);
    assert.equal(drawn(out.writes).at(-1), "sync: 4/20 nodes done (0 s); working on node-1, node-2, node-3 +2 more");
    p.end();
    wide.end();
  });

  it("speaks the configured language, cut by display width (a CJK character takes two columns)", async () => {
    const out = fakeTty();
    const p = terminalProgress(out, translator("zh-CN"), { now: () => Date.now(), columns: 80 });
    p.start(20, "sync");
    await flush();
    mock.timers.tick(100);
    p.step(7, ["node-9"]);
    assert.deepEqual(drawn(out.writes), ["同步：已完成 0/20 个节点（0 秒）", "同步：已完成 7/20 个节点（0 秒）；进行中：node-9"]);
    p.end();
    const narrow = terminalProgress(out, translator("zh-CN"), { now: () => Date.now(), columns: 30 });
    narrow.start(20, "sync");
    await flush();
    const line = drawn(out.writes).at(-1)!;
    assert.ok(displayWidth(line) <= 29 && line.endsWith("…"), line);
    narrow.end();
  });

  it("filters what it draws: a control character in a name never reaches the terminal", async () => {
    const out = fakeTty();
    const p = terminalProgress(out, translator("en"), { now: () => Date.now() });
    p.start(2, "sync");
    await flush();
    mock.timers.tick(100);
    p.step(1, ["evil\x1b]52;c;aGk=\x07\rnode"]);
    p.end();
    for (const w of drawn(out.writes)) assert.doesNotMatch(w, /[\x00-\x08\x0b-\x1f\x7f]/, JSON.stringify(w));
    assert.equal(drawn(out.writes).at(-1), "sync: 1/2 nodes done (0 s); working on evilnode");
  });

  it("shows a backup's step and what it is doing", async () => {
    const out = fakeTty();
    const p = terminalProgress(out, translator("en"), { now: () => Date.now() });
    p.start(2, "backup");
    await flush();
    p.step(0, ["copy"]);
    mock.timers.tick(4000);
    assert.equal(drawn(out.writes).at(-1), "backup: step 1 of 2 (4 s); copying and verifying dispatch.db");
    p.step(1, ["retention"]);
    mock.timers.tick(100);
    assert.equal(drawn(out.writes).at(-1), "backup: step 2 of 2 (4 s); applying snapshot retention");
    p.end();
  });

  it("writes nothing when it ends without having drawn", async () => {
    const out = fakeTty();
    const p = terminalProgress(out, translator("en"), { now: () => Date.now() });
    p.end();
    assert.deepEqual(out.writes, [], "an end with nothing drawn writes nothing");
  });
});

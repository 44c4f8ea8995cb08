import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clipJournal, JOURNAL_MAX_BYTES, journalCommand } from "../../../src/units/journal.ts";
import { journalTail } from "../../../src/units/status-format.ts";

describe("journal", () => {
  it("asks journalctl for N lines of one quoted unit and keeps the newest bytes on the node", () => {
    assert.equal(journalCommand("agent-daemon", 50), `TZ=UTC journalctl -u 'agent-daemon' -n 50 --no-pager -o short-iso | tail -c ${JOURNAL_MAX_BYTES + 1}`);
    assert.throws(() => journalCommand("agent-daemon", 0), RangeError);
    assert.throws(() => journalCommand("agent-daemon", 1001), RangeError);
  });

  it("drops the partial first line when the output was cut, and says so", () => {
    const full = "a\nb\nc\n";
    assert.deepEqual(clipJournal(full), { lines: ["a", "b", "c"], truncated: false });
    const cut = `${"x".repeat(JOURNAL_MAX_BYTES - 10)}\nnewest line\n`;
    const r = clipJournal(cut);
    assert.equal(r.truncated, true);
    assert.deepEqual(r.lines, ["newest line"]);
    assert.deepEqual(clipJournal(""), { lines: [], truncated: false });
  });

  it("in Slack keeps the newest lines that fit, not the oldest", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${"y".repeat(60)}`);
    const { shown, cut } = journalTail(lines, 700);
    assert.equal(shown.at(-1), lines.at(-1));
    assert.equal(cut, 100 - shown.length);
    assert.ok(shown.join("\n").length <= 700);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planRetention, type RetentionItem } from "../../../src/backup/retention.ts";

const daily = (iso: string, verdict = "ok"): RetentionItem => ({ file: `dispatch-${iso.slice(0, 10)}.db`, kind: "daily", takenAt: iso, verdict });

/** One daily backup at 03:00 UTC for each of the `days` days up to and including `last`. */
function dailies(last: string, days: number): RetentionItem[] {
  const end = Date.parse(`${last}T03:00:00Z`);
  return Array.from({ length: days }, (_, i) => daily(new Date(end - (days - 1 - i) * 86_400_000).toISOString()));
}

const kept = (all: RetentionItem[], prune: string[]) => all.filter((s) => !prune.includes(s.file)).map((s) => s.file.slice(9, 19));

describe("retention (a pure function of snapshots, now and retention days)", () => {
  it("keeps 7 of 10 days of daily snapshots and prunes the 3 oldest", () => {
    // Friday 2026-11-27: the pruned 18-20 Nov share their ISO week with the kept 21 and 22 Nov,
    // so the weekly keep adds nothing here (it is tested on its own below).
    const all = dailies("2026-11-27", 10);
    const plan = planRetention(all, new Date("2026-11-27T03:00:05Z"), 7);
    assert.deepEqual(plan.prune, ["dispatch-2026-11-18.db", "dispatch-2026-11-19.db", "dispatch-2026-11-20.db"]);
    assert.deepEqual(kept(all, plan.prune), ["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]);
  });

  it("never deletes a single old snapshot: the newest verified one is kept whatever its age", () => {
    const only = [daily("2026-09-01T03:00:00Z")];
    const plan = planRetention(only, new Date("2026-11-27T03:00:00Z"), 7);
    assert.deepEqual(plan.prune, []);
    assert.deepEqual(plan.heldBack, [{ file: "dispatch-2026-09-01.db", reason: "newest verified" }]);
  });

  it("keeps the newest verified snapshot even when newer ones failed their check", () => {
    const all = [daily("2026-10-01T03:00:00Z"), daily("2026-10-20T03:00:00Z", "corrupt"), daily("2026-10-21T03:00:00Z", "missing")];
    const plan = planRetention(all, new Date("2026-11-27T03:00:00Z"), 7);
    assert.deepEqual(plan.prune, ["dispatch-2026-10-20.db", "dispatch-2026-10-21.db"]);
  });

  it("keeps the newest daily of each of the 4 most recent ISO weeks past the retention window", () => {
    const all = dailies("2026-11-27", 40);
    const plan = planRetention(all, new Date("2026-11-27T03:00:05Z"), 7);
    // 21-27 Nov by age; Sundays 15 Nov and 8 Nov close the two previous weeks; the week of
    // 23 Nov (current) and 16 Nov are covered by the daily window; Sunday 1 Nov closes the 5th week
    // back, too old.
    assert.deepEqual(kept(all, plan.prune), ["2026-11-08", "2026-11-15", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]);
    assert.deepEqual(plan.heldBack.map((h) => h.reason), ["weekly", "weekly"]);
  });

  it("prunes safety snapshots by age and leaves other kinds alone", () => {
    const all: RetentionItem[] = [
      { file: "dispatch-safety-20261101-100000.db", kind: "safety", takenAt: "2026-11-01T10:00:00Z", verdict: "ok" },
      { file: "dispatch-safety-20261126-100000.db", kind: "safety", takenAt: "2026-11-26T10:00:00Z", verdict: "ok" },
      { file: "dispatch-manual.db", kind: "manual", takenAt: "2020-01-01T00:00:00Z", verdict: "ok" },
    ];
    assert.deepEqual(planRetention(all, new Date("2026-11-27T03:00:00Z"), 7).prune, ["dispatch-safety-20261101-100000.db"]);
  });

  it("counts age in UTC days, so a run a few ms earlier than last week's still prunes it", () => {
    const all = [daily("2026-11-20T03:00:00.020Z"), daily("2026-11-21T03:00:00.020Z"), daily("2026-11-27T03:00:00.020Z")];
    assert.deepEqual(planRetention(all, new Date("2026-11-27T03:00:00.010Z"), 7).prune, ["dispatch-2026-11-20.db"]);
  });

  it("honours a longer retention", () => {
    const all = dailies("2026-11-27", 10);
    assert.deepEqual(planRetention(all, new Date("2026-11-27T03:00:05Z"), 30).prune, []);
  });
});

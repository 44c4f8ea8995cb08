import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkHealth } from "../../../src/http/healthz.ts";
import { JobRuns, openStore } from "../../../src/store/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const PERIOD = 300;
const T0 = Date.parse("2026-12-01T10:00:00Z");

/** A real state.db whose guardian runs are written at the times given (fake clock). */
function db() {
  const store = openStore(tmpDir());
  let at = T0;
  const runs = new JobRuns(store.db, () => new Date(at));
  return {
    store,
    run(job: string, start: number, end: number | null, outcome: "ok" | "failed" = "ok") {
      at = start;
      const id = runs.start(job, "schedule", "bot");
      if (end !== null) {
        at = end;
        runs.finish(id, outcome, "");
      }
    },
    health(nowMs: number, startedAt = T0, probeWrite = () => {}) {
      return checkHealth({ db: store.db, jobs: ["guardian", "backup"], guardianPeriodSeconds: PERIOD, startedAt: new Date(startedAt), now: new Date(nowMs), probeWrite });
    },
  };
}

describe("/healthz: checkHealth", () => {
  it("a fresh bot is healthy for three periods before its first guardian run is missed", () => {
    const d = db();
    assert.equal(d.health(T0 + 3 * PERIOD * 1000 - 1000).healthy, true);
    const late = d.health(T0 + 3 * PERIOD * 1000 + 1000);
    assert.equal(late.healthy, false);
    assert.match(late.problems[0]!, /scheduler stuck: no guardian run has started/);
  });

  it("healthy with a guardian run completed within three periods; lists each job's last run", () => {
    const d = db();
    d.run("guardian", T0 + 10_000, T0 + 12_000);
    const h = d.health(T0 + 2 * PERIOD * 1000);
    assert.deepEqual(h.problems, []);
    assert.equal(h.jobs.guardian?.outcome, "ok");
    assert.equal(h.jobs.backup, null);
  });

  it("unhealthy when the guardian started but has not completed within three periods (a hung run)", () => {
    const d = db();
    d.run("guardian", T0 + 10_000, T0 + 12_000);
    d.run("guardian", T0 + 2 * PERIOD * 1000, null);
    const h = d.health(T0 + 12_000 + 3 * PERIOD * 1000 + 1000);
    assert.equal(h.healthy, false);
    assert.match(h.problems.join(), /the guardian has not completed a run in 15 min \(3 periods are 15 min\)/);
  });

  it("a failed guardian run still counts as completed: the endpoint is about the bot, alerts are about the fleet", () => {
    const d = db();
    d.run("guardian", T0 + 10_000, T0 + 12_000, "failed");
    assert.equal(d.health(T0 + 2 * PERIOD * 1000).healthy, true);
  });

  it("unhealthy when state.db cannot be written", () => {
    const d = db();
    d.run("guardian", T0 + 10_000, T0 + 12_000);
    const h = d.health(T0 + 60_000, T0, () => {
      throw new Error("attempt to write a readonly database");
    });
    assert.equal(h.healthy, false);
    assert.match(h.problems[0]!, /state\.db cannot be written: attempt to write a readonly database/);
  });
});

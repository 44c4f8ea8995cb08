// The fix-attempt ledger and guardian.flapMinutes: a check that keeps coming back gets
// max_fix_attempts in all within the window, not a fresh budget at every comeback.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate, type EvaluateDeps } from "../../../../jobs/guardian/evaluate.ts";
import { Ledger } from "../../../../jobs/guardian/ledger.ts";
import { AlertBook } from "../../../../src/alerts/alert-book.ts";
import type { AlertEvent } from "../../../../src/alerts/types.ts";
import { silentLogger } from "../../../../src/log.ts";
import { openStore } from "../../../../src/store/index.ts";
import { tmpDir } from "../../../helpers/tmp-dir.ts";

function fixture(flapMinutes: number) {
  const dir = tmpDir();
  const store = openStore(dir);
  let t = Date.parse("2026-11-27T12:00:00Z");
  const now = () => new Date(t);
  const events: AlertEvent[] = [];
  const alerts = new AlertBook(store, { dataDir: dir, notifier: { notify: async (e) => void events.push(e) }, reminderMinutes: 60, flapMinutes, retentionDays: 7, now, log: silentLogger() });
  const ledger = new Ledger(store.db, now, flapMinutes);
  const ev: EvaluateDeps = { ledger, alerts, fix: true, storm: false, maxFixAttempts: 2, alertAfter: 2 };
  const rows = () => (store.db.prepare("SELECT COUNT(*) AS n FROM check_state").get() as { n: number }).n;
  const updatedAt = () => (store.db.prepare("SELECT updated_at FROM check_state").get() as { updated_at: string } | undefined)?.updated_at;
  return { ev, ledger, events, store, rows, updatedAt, advance: (minutes: number) => void (t += minutes * 60_000) };
}

let fixes = 0;
// A unit that crashed: the restart works, and it crashes again later.
const crashed = async () => ({ ok: false as const, severity: "critical" as const, detail: "agent-daemon failed", fix: async () => `restarted (${++fixes})` });
const fine = async () => ({ ok: true as const, detail: "fine" });

describe("ledger and flapMinutes", () => {
  it("a problem that comes back after every recovery gets max_fix_attempts in all within the window", async () => {
    const f = fixture(30);
    const made: string[] = [];
    for (let cycle = 0; cycle < 5; cycle++) {
      const r = await evaluate(f.ev, "node_availability", "n1", crashed);
      made.push(`${r.status} ${r.fixAttempts?.made}`);
      f.advance(1);
      await evaluate(f.ev, "node_availability", "n1", fine);
      f.advance(1);
      await evaluate(f.ev, "node_availability", "n1", fine);
      f.advance(3);
    }
    assert.deepEqual(made, ["fixed 1", "fixed 2", "failed 2", "failed 2", "failed 2"]);
    assert.match((await evaluate(f.ev, "node_availability", "n1", crashed)).detail, /auto-fix stopped for this incident after 2/);
  });

  it("without a window (flapMinutes 0) every comeback after two passes has a fresh budget, as before", async () => {
    const f = fixture(0);
    const made: string[] = [];
    for (let cycle = 0; cycle < 3; cycle++) {
      made.push(`${(await evaluate(f.ev, "node_availability", "n1", crashed)).status}`);
      await evaluate(f.ev, "node_availability", "n1", fine);
      await evaluate(f.ev, "node_availability", "n1", fine);
    }
    assert.deepEqual(made, ["fixed", "fixed", "fixed"]);
    assert.equal(f.ledger.get("node_availability", "n1")?.fixAttempts, 0);
  });

  it("gives the budget back once the incident has stayed closed for flapMinutes, counted from when it closed", async () => {
    const f = fixture(30);
    await evaluate(f.ev, "node_availability", "n1", crashed);
    await evaluate(f.ev, "node_availability", "n1", fine);
    f.advance(5);
    await evaluate(f.ev, "node_availability", "n1", fine);
    const closedAt = f.updatedAt();
    assert.equal(f.ledger.get("node_availability", "n1")?.fixAttempts, 1, "closed, but a failure now would reopen it");
    // Steady passes write nothing: the row still says when the incident closed.
    for (let i = 0; i < 5; i++) {
      f.advance(5);
      await evaluate(f.ev, "node_availability", "n1", fine);
    }
    assert.equal(f.updatedAt(), closedAt);
    assert.equal(f.ledger.get("node_availability", "n1")?.fixAttempts, 1, "25 min after closing");
    f.advance(5);
    assert.deepEqual([f.ledger.get("node_availability", "n1")?.fixAttempts, f.ledger.get("node_availability", "n1")?.incidentStartedAt], [0, null], "30 min after closing");
    const r = await evaluate(f.ev, "node_availability", "n1", crashed);
    assert.deepEqual(r.fixAttempts, { made: 1, max: 2 }, "a new incident, a full budget");
  });

  it("a check that never failed keeps no row: a healthy run writes nothing to the ledger", async () => {
    const f = fixture(30);
    for (let i = 0; i < 3; i++) await evaluate(f.ev, "wrapper_version", "n1", fine);
    assert.equal(f.rows(), 0);
  });

  it("a node that goes down, down, up three times over is one alert, reopened, not three", async () => {
    const f = fixture(30);
    const down = async () => ({ ok: false as const, severity: "critical" as const, detail: "does not answer", noFix: "no safe automatic fix" });
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      await evaluate(f.ev, "node_availability", "n1", down);
      f.advance(5);
      const r = await evaluate(f.ev, "node_availability", "n1", down);
      ids.add(r.alert!.id);
      f.advance(5);
      await evaluate(f.ev, "node_availability", "n1", fine);
      f.advance(5);
    }
    assert.deepEqual([...ids], ["A1"]);
    assert.deepEqual(f.events.map((e) => e.kind), ["raised", "resolved", "raised", "resolved", "updated", "resolved"]);
    assert.match(f.events.at(-2)!.alert.message, /^n1: node_availability: does not answer; no safe automatic fix; flapping: reopened 2 times, each within 30 min of resolving$/);
  });
});

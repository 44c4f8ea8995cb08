import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pruneHistory } from "../../../src/store/prune-history.ts";
import { openStore } from "../../../src/store/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const NOW = new Date("2026-12-01T10:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

describe("pruneHistory", () => {
  it("removes audit rows, finished job runs, fixes and answered requests past their retention, and nothing else", () => {
    const store = openStore(tmpDir());
    const db = store.db;
    const audit = db.prepare("INSERT INTO audit (at, who, via, command, args, decision, outcome) VALUES (?, 'cli:a', 'cli', 'sync', '{}', 'confirmed', 'ok')");
    audit.run(daysAgo(400));
    audit.run(daysAgo(300));
    const run = db.prepare("INSERT INTO job_runs (job, trigger, started_at, outcome, owner) VALUES ('guardian', 'schedule', ?, ?, 'bot')");
    run.run(daysAgo(100), "ok");
    run.run(daysAgo(100), "running");
    run.run(daysAgo(10), "failed");
    const fix = db.prepare("INSERT INTO fixes (at, check_name, node, ok, detail) VALUES (?, 'ssh_connection', 'n1', 1, '')");
    fix.run(daysAgo(95));
    fix.run(daysAgo(5));
    const req = db.prepare("INSERT INTO bot_requests (kind, requested_by, requested_at, status) VALUES ('restart-guardian', 'cli:a', ?, ?)");
    req.run(daysAgo(200), "done");
    req.run(daysAgo(200), "pending");

    const pruned = pruneHistory(db, { auditDays: 365, jobRunsDays: 90 }, NOW);
    assert.deepEqual(pruned, { audit: 1, jobRuns: 1, fixes: 1, requests: 1 });
    const count = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    assert.deepEqual([count("audit"), count("job_runs"), count("fixes"), count("bot_requests")], [1, 2, 1, 1]);
    assert.equal((db.prepare("SELECT outcome FROM job_runs WHERE started_at = ?").get(daysAgo(100)) as { outcome: string }).outcome, "running", "a run still marked running stays");
    store.close();
  });
});

// The guardian job's housekeeping: old history goes at the retention oyster.json sets.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { guardian } from "../../../jobs/guardian/index.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("guardian job housekeeping", () => {
  it("prunes audit rows and job runs older than retention.auditDays / jobRunsDays on every run", async () => {
    const dir = tmpDir();
    mkdirSync(join(dir, "config"));
    writeFileSync(join(dir, "config", "oyster.json"), JSON.stringify({ retention: { auditDays: 30, jobRunsDays: 7 } }));
    const config = loadConfig({ dir: join(dir, "config") }).config;
    const store = openStore(join(dir, "data"));
    const now = new Date();
    const ago = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
    store.db.prepare("INSERT INTO audit (at, who, via, command, args, decision, outcome) VALUES (?, 'cli:a', 'cli', 'sync', '{}', 'confirmed', 'ok'), (?, 'cli:a', 'cli', 'sync', '{}', 'confirmed', 'ok')").run(ago(31), ago(29));
    store.db.prepare("INSERT INTO job_runs (job, trigger, started_at, finished_at, outcome, owner) VALUES ('backup', 'schedule', ?, ?, 'ok', 'bot'), ('backup', 'schedule', ?, ?, 'ok', 'bot')").run(ago(8), ago(8), ago(6), ago(6));
    const { log, lines } = memoryLogger("info");
    const ssh = createSshPool(config, log);
    await guardian.run({ config, ssh, store, log, dataDir: join(dir, "data"), notifier: { notify: async () => {} }, now: () => now, signal: new AbortController().signal, trigger: "manual" });
    const count = (t: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    assert.equal(count("audit"), 1);
    assert.equal(count("job_runs"), 1);
    assert.match(lines.join(""), /history pruned/);
    await ssh.close();
    store.close();
  });
});

// http.port on the real bot (`node dist/main.js`): /healthz and /metrics on 127.0.0.1, the metrics
// parsed by a third-party Prometheus text-format parser and checked against state.db.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { JobRuns, openStore } from "../../src/store/index.ts";
import { parsePrometheus, sample } from "../helpers/prometheus-parse.ts";
import { freePorts } from "../helpers/rig/free-ports.ts";
import { tmpDir } from "../helpers/tmp-dir.ts";
import { startBot, type BotProcess } from "./oci/grab-fixture.ts";

describe("the bot's HTTP endpoint (http.port)", () => {
  let bot: BotProcess;
  let base: string;
  let dataDir: string;

  before(async () => {
    const dir = tmpDir();
    const configDir = join(dir, "config");
    dataDir = join(dir, "data");
    mkdirSync(configDir);
    const [port] = await freePorts(1);
    writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ http: { port } }));
    writeFileSync(join(configDir, "nodes.json"), JSON.stringify({ nodes: [{ name: "n1", host: "127.0.0.1" }, { name: "n2", host: "127.0.0.1" }, { name: "n3", host: "127.0.0.1" }] }));
    // State written before the bot starts, as earlier runs would have left it.
    const store = openStore(dataDir);
    const runs = new JobRuns(store.db);
    runs.finish(runs.start("backup", "schedule", "bot"), "ok", "");
    runs.finish(runs.start("backup", "schedule", "bot"), "failed", "");
    runs.finish(runs.start("sync", "manual", "cli:x"), "ok", "");
    const at = new Date().toISOString();
    store.db.prepare("INSERT INTO availability (node, at, up) VALUES ('n1', ?, 1), ('n2', ?, 0)").run(at, at);
    store.db.prepare("INSERT INTO monitor_paused_nodes (node, account, paused_at, reason) VALUES ('n1', 'zai:glm', ?, 'exhausted')").run(at);
    store.db.prepare("INSERT INTO outbox (key, kind, payload, created_at, status, next_attempt_at) VALUES ('k1', 'report', '{}', ?, 'pending', ?), ('k2', 'report', '{}', ?, 'failed', ?)").run(at, at, at, at);
    store.db.prepare("INSERT INTO alerts (id, seq, source, check_name, node, severity, status, first_seen, last_seen, message) VALUES ('a1', 1, 'guardian', 'node_availability', 'n2', 'critical', 'open', ?, ?, 'down')").run(at, at);
    store.db.prepare("INSERT INTO fixes (at, check_name, node, ok, detail) VALUES (?, 'ssh_connection', 'n2', 0, 'redial failed')").run(at);
    store.db.prepare("INSERT INTO quota_samples (at, provider, account, window, used_pct, status) VALUES (?, 'zai', 'glm', '5h', 42.5, 'ok')").run(at);
    store.close();
    bot = await startBot({ PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: dataDir }, dir);
    base = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await bot?.stop("SIGKILL");
  });

  it("GET /healthz answers 200 with each job's last run while healthy", async () => {
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string; jobs: Record<string, { outcome: string } | null> };
    assert.equal(body.status, "ok");
    assert.equal(body.jobs.backup?.outcome, "failed");
    assert.equal(body.jobs.sync?.outcome, "ok");
    assert.ok("guardian" in body.jobs);
  });

  it("GET /metrics parses as Prometheus text and its numbers match state.db", async () => {
    const res = await fetch(`${base}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/plain/);
    const m = parsePrometheus(await res.text());
    assert.equal(sample(m, "oyster_job_runs", { job: "backup", outcome: "ok" }), 1);
    assert.equal(sample(m, "oyster_job_runs", { job: "backup", outcome: "failed" }), 1);
    assert.equal(sample(m, "oyster_job_runs", { job: "sync", outcome: "ok" }), 1);
    assert.equal(sample(m, "oyster_alerts", { source: "guardian", severity: "critical", status: "open" }), 1);
    assert.equal(sample(m, "oyster_nodes", { state: "up" }), 1);
    assert.equal(sample(m, "oyster_nodes", { state: "down" }), 1);
    assert.equal(sample(m, "oyster_nodes", { state: "unknown" }), 1);
    assert.equal(sample(m, "oyster_nodes", { state: "paused" }), 1);
    assert.equal(sample(m, "oyster_fix_attempts", { check: "ssh_connection", result: "failed" }), 1);
    assert.equal(sample(m, "oyster_outbox", { status: "pending" }), 1);
    assert.equal(sample(m, "oyster_outbox", { status: "failed" }), 1);
    assert.equal(sample(m, "oyster_quota_used_percent", { provider: "zai", account: "glm", window: "5h" }), 42.5);
    assert.ok((sample(m, "oyster_process_resident_memory_bytes") ?? 0) > 0, "process metrics");

    // A job run the bot records afterwards shows at the next scrape.
    const store = openStore(dataDir);
    const runs = new JobRuns(store.db);
    runs.finish(runs.start("backup", "manual", "cli:y"), "ok", "");
    store.close();
    const again = parsePrometheus(await (await fetch(`${base}/metrics`)).text());
    assert.equal(sample(again, "oyster_job_runs", { job: "backup", outcome: "ok" }), 2);
  });

  it("serves nothing else: other paths 404, other methods 405", async () => {
    assert.equal((await fetch(`${base}/`)).status, 404);
    assert.equal((await fetch(`${base}/metrics`, { method: "POST" })).status, 405);
  });
});

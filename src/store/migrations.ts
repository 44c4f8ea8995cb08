import type { Db } from "./open-db.ts";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** state.db's schema history. Append only: a shipped migration is never edited. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "audit, job runs, locks, bot presence",
    sql: `
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        via TEXT NOT NULL,
        channel TEXT,
        command TEXT NOT NULL,
        args TEXT NOT NULL,
        decision TEXT NOT NULL,
        outcome TEXT NOT NULL,
        error TEXT,
        duration_ms INTEGER
      );
      CREATE INDEX audit_at ON audit(at);
      CREATE TABLE job_runs (
        id INTEGER PRIMARY KEY,
        job TEXT NOT NULL,
        trigger TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL,
        summary TEXT,
        caught_up INTEGER NOT NULL DEFAULT 0,
        owner TEXT NOT NULL
      );
      CREATE INDEX job_runs_job ON job_runs(job, started_at);
      CREATE TABLE bot (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        started_at TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL
      );
      CREATE TABLE locks (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        label TEXT NOT NULL,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        acquired_at TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: "guardian ledger, alerts, availability samples",
    sql: `
      CREATE TABLE check_state (
        check_name TEXT NOT NULL,
        node TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        consecutive_passes INTEGER NOT NULL DEFAULT 0,
        fix_attempts INTEGER NOT NULL DEFAULT 0,
        incident_started_at TEXT,
        last_detail TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (check_name, node)
      );
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        source TEXT NOT NULL,
        check_name TEXT NOT NULL,
        node TEXT,
        nodes TEXT,
        severity TEXT NOT NULL,
        status TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        resolved_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        message TEXT NOT NULL,
        last_notified_at TEXT,
        ack_by TEXT, ack_at TEXT, ack_reason TEXT,
        snooze_until TEXT, snooze_by TEXT, snooze_reason TEXT
      );
      CREATE INDEX alerts_key ON alerts(source, check_name, node, status);
      CREATE TABLE alert_seq (id INTEGER PRIMARY KEY AUTOINCREMENT);
      CREATE TABLE availability (
        node TEXT NOT NULL,
        at TEXT NOT NULL,
        up INTEGER NOT NULL
      );
      CREATE INDEX availability_node_at ON availability(node, at);
    `,
  },
  {
    version: 3,
    name: "snapshots ledger, guardian fix history",
    sql: `
      CREATE TABLE snapshots (
        file TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        rows TEXT NOT NULL,
        verdict TEXT NOT NULL,
        duration_ms INTEGER
      );
      CREATE TABLE fixes (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        check_name TEXT NOT NULL,
        node TEXT,
        ok INTEGER NOT NULL,
        detail TEXT NOT NULL
      );
      CREATE INDEX fixes_at ON fixes(at);
    `,
  },
  {
    version: 4,
    name: "Slack confirmations, who confirmed",
    sql: `
      CREATE TABLE slack_confirmations (
        id TEXT PRIMARY KEY,
        requester TEXT NOT NULL,
        channel TEXT,
        command TEXT NOT NULL,
        words TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        status TEXT NOT NULL,
        decided_by TEXT,
        decided_at TEXT
      );
      ALTER TABLE audit ADD COLUMN confirmed_by TEXT;
    `,
  },
  {
    version: 5,
    name: "delivery outbox, Slack alert messages",
    sql: `
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        sending_since TEXT,
        delivered_via TEXT,
        delivered_at TEXT,
        last_error TEXT
      );
      CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
      CREATE TABLE slack_alert_messages (
        alert_id TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        ts TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: "bot presence carries event-loop delay",
    sql: `
      ALTER TABLE bot ADD COLUMN loop_max_ms REAL;
      ALTER TABLE bot ADD COLUMN loop_p99_ms REAL;
      ALTER TABLE bot ADD COLUMN loop_since TEXT;
    `,
  },
  {
    version: 7,
    name: "quota samples and the nodes the monitor paused",
    sql: `
      CREATE TABLE quota_samples (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        provider TEXT NOT NULL,
        account TEXT NOT NULL,
        window TEXT NOT NULL,
        window_seconds INTEGER,
        used REAL,
        quota_limit REAL,
        remaining REAL,
        used_pct REAL,
        resets_at TEXT,
        status TEXT NOT NULL,
        error_kind TEXT,
        detail TEXT,
        raw TEXT
      );
      CREATE INDEX quota_samples_at ON quota_samples(at);
      CREATE INDEX quota_samples_window ON quota_samples(provider, account, window, id);
      CREATE TABLE monitor_paused_nodes (
        node TEXT NOT NULL,
        account TEXT NOT NULL,
        paused_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        resets_at TEXT,
        PRIMARY KEY (node, account)
      );
    `,
  },
  {
    version: 8,
    name: "OCI grabs",
    // One row per grab, whole: the loop reads it before every step and writes it after, so a
    // restarted bot resumes where the last one stopped and `oyster oci-grab status` (another
    // process) shows the same as Slack. The partial unique index is "one grab at a time".
    sql: `
      CREATE TABLE oci_grabs (
        id INTEGER PRIMARY KEY,
        status TEXT NOT NULL,
        phase TEXT NOT NULL,
        started_by TEXT NOT NULL,
        started_at TEXT NOT NULL,
        request TEXT NOT NULL,
        slack_channel TEXT,
        slack_ts TEXT,
        ads TEXT,
        skipped_ads TEXT NOT NULL DEFAULT '[]',
        ad_index INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        ad_errors TEXT NOT NULL DEFAULT '{}',
        last_attempt_at TEXT,
        next_attempt_at TEXT,
        paused_until TEXT,
        pause_reason TEXT,
        retry_token TEXT,
        instance TEXT,
        stop_requested_at TEXT,
        stop_requested_by TEXT,
        ended_at TEXT,
        outcome TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX oci_grabs_one_running ON oci_grabs(status) WHERE status = 'running';
    `,
  },
  {
    version: 9,
    name: "requests from the CLI to the running bot",
    // `restart guardian` and the like: the CLI writes a row, the bot carries it out and answers in it.
    sql: `
      CREATE TABLE bot_requests (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        status TEXT NOT NULL,
        answered_at TEXT,
        answer TEXT
      );
      CREATE INDEX bot_requests_pending ON bot_requests(status, id);
    `,
  },
  {
    version: 10,
    name: "agent sources that call an endpoint: last reading and backoff per node",
    // Claude `oauth`: after a 429 the node keeps its last reading (windows only, never a token)
    // and calls no sooner than backoff_until, across the CLI and the bot.
    sql: `
      CREATE TABLE agent_calls (
        account TEXT NOT NULL,
        node TEXT NOT NULL,
        reading TEXT,
        backoff_until TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (account, node)
      );
    `,
  },
  {
    version: 11,
    name: "alert actions: the command a button on the alert runs",
    // JSON list of {label, argv, private?}: what fits the alert (restart the unit, re-arm fixes,
    // show the journal, requeue the task), set by whoever raised it.
    sql: "ALTER TABLE alerts ADD COLUMN actions TEXT;",
  },
  {
    version: 12,
    name: "silences: alerts recorded but not notified while one matches",
    // `matchers` is JSON {node, tag, check, source} (lists). `released_at`: when a process handled
    // the silence's end (notified what it had held back), so that happens once across processes.
    sql: `
      CREATE TABLE silence_seq (id INTEGER PRIMARY KEY AUTOINCREMENT);
      CREATE TABLE silences (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        matchers TEXT NOT NULL,
        created_by TEXT NOT NULL,
        reason TEXT,
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        removed_at TEXT,
        removed_by TEXT,
        released_at TEXT
      );
      CREATE INDEX silences_unreleased ON silences(released_at, ends_at);
    `,
  },
  {
    version: 13,
    name: "node drains: who took a node out of rotation, why and when",
    // dispatch.db's `draining` is the state itself; this only says who and why, for status and
    // the report. One row per draining node, deleted on undrain (the audit keeps the history).
    sql: `
      CREATE TABLE node_drains (
        node TEXT PRIMARY KEY,
        drained_by TEXT NOT NULL,
        reason TEXT,
        drained_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 14,
    name: "dispatch counts: the last full reading of dispatch.db, served by status while a backup runs",
    // Counting tasks scans dispatch.db's whole tasks table, which during the nightly backup of a
    // large database stalled status for seconds. Every normal reading (and one just before each
    // backup) is kept here, one row per database path, so any process can answer from it then.
    sql: `
      CREATE TABLE dispatch_counts (
        db TEXT PRIMARY KEY,
        read_at TEXT NOT NULL,
        counts TEXT NOT NULL
      );
    `,
  },
];

/**
 * Brings the database to the newest version, one migration per transaction. IMMEDIATE takes the
 * write lock first, so two processes starting together cannot both apply the same step. A
 * database already at the newest version is only read: opening state.db then needs no write
 * lock, so reading commands (`jobs`, `alerts`, `backups`) still answer while another process
 * holds it, and a full disk does not stop them either.
 */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS): number {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const current = () => (db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null }).v ?? 0;
  if (current() >= Math.max(0, ...migrations.map((m) => m.version))) return current();
  for (const m of migrations) {
    db.transaction(() => {
      if (current() >= m.version) return;
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
  return current();
}

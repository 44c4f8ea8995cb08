import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { configDir, HOME_ENV } from "./config-dir.ts";

const SEED =
  '{"interval_seconds":300,"max_fix_attempts":2,"backup_retention_days":7,"checks":{"db_schema":true,"wrapper_version":true,"ssh_connection":true,"node_availability":true,"param_alignment":true}}';

const DEFAULT_OYSTER = {
  ssh: {
    configFile: "/home/tester/.ssh/config",
    knownHostsFile: "/home/tester/.ssh/known_hosts",
    hostKeyPolicy: "strict",
    connectTimeoutMs: 5000,
    commandTimeoutMs: 30000,
    concurrency: 16,
    keepaliveMs: 15000,
  },
  dispatch: {
    dir: "/home/tester/Downloads/dispatch",
    db: "/home/tester/Downloads/dispatch/dispatch.db",
    statusCommand: "python3 dispatch.py status",
    startCommand: "python3 dispatch.py start {project}",
    stopCommand: "python3 dispatch.py stop {project}",
    passEnv: [],
  },
  slack: { mode: "socket", port: 3000, host: "127.0.0.1" },
  roles: { admins: [], operators: [] },
  email: { to: [], allowInsecureAuth: false },
  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  locale: "en",
  schedules: { monitor: "*/5 * * * *", backup: "0 3 * * *", sync: "0 * * * *", report: "0 9 * * *" },
  sync: { files: ["dispatch.py", "task-wrapper.sh", "task-watcher.py", "nodes.json", "projects.json"], restart: {} },
  systemd: { unitDir: "/etc/systemd/system", daemonUnit: "agent-daemon", vars: {} },
  guardian: {
    alertAfter: 2,
    reminderMinutes: 60,
    flapMinutes: 30,
    stormShare: 0.5,
    stormMinNodes: 3,
    resources: { disk: [85, 95], inodes: [85, 95], memory: [10, 5] },
    stuckTasks: { maxRunMinutes: 240, offlineMinutes: 15, requeue: false },
    params: { files: ["nodes.json", "projects.json"], facts: [] },
  },
  monitor: { providers: {}, thresholds: [80, 95], timeoutMs: 10000, keepDays: 14, agents: [], agentStaleHours: 6, pauseNodes: [] },
  oci: {
    configFile: "/home/tester/.oci/config",
    profile: "DEFAULT",
    assignPublicIp: true,
    bootVolumeSizeGb: 50,
    shape: "VM.Standard.A1.Flex",
    intervalSeconds: 60,
    maxInstances: 1,
    endpoints: {},
    onSuccess: { joinFleet: false },
  },
  logs: { maxMb: 10, keep: 5 },
  retention: { auditDays: 365, jobRunsDays: 90 },
  http: { host: "127.0.0.1" },
  heartbeat: { jobs: {} },
};

/** Today's guardian file with the one key it predates: the opt-in stuck_tasks check, off. */
const GUARDIAN_DEFAULTS = (() => {
  const seed = JSON.parse(SEED) as { checks: Record<string, boolean> };
  return { ...seed, checks: { ...seed.checks, stuck_tasks: false } };
})();

describe("loadConfig defaults", () => {
  it("treats a missing config dir as an empty fleet with every default", () => {
    const dir = join(configDir(), "does-not-exist");
    const { config, warnings } = loadConfig({ dir, env: HOME_ENV });
    assert.deepEqual(warnings, []);
    assert.equal(config.dir, dir);
    assert.deepEqual(config.present, { nodes: false, projects: false, guardian: false, oyster: false });
    assert.deepEqual(config.nodes, []);
    assert.deepEqual(config.projects, []);
    assert.deepEqual(config.guardian, GUARDIAN_DEFAULTS);
    assert.deepEqual(config.oyster, DEFAULT_OYSTER);
  });

  it("fills every default when the files are empty objects, and reports them present", () => {
    const dir = configDir({ "nodes.json": "{}", "projects.json": "{}", "guardian_config.json": "{}", "oyster.json": "{}" });
    const { config, warnings } = loadConfig({ dir, env: HOME_ENV });
    assert.deepEqual(warnings, []);
    assert.deepEqual(config.present, { nodes: true, projects: true, guardian: true, oyster: true });
    assert.deepEqual(config.oyster, DEFAULT_OYSTER);
    assert.deepEqual(config.guardian, GUARDIAN_DEFAULTS);
  });

  it("fills defaults inside a partly written section", () => {
    const dir = configDir({ "oyster.json": { ssh: { concurrency: 4 }, guardian: { params: { facts: [] } } } });
    const { oyster } = loadConfig({ dir, env: HOME_ENV }).config;
    assert.deepEqual(oyster.ssh, { ...DEFAULT_OYSTER.ssh, concurrency: 4 });
    assert.deepEqual(oyster.guardian, DEFAULT_OYSTER.guardian);
  });

  it("accepts today's guardian_config.json byte for byte, without warnings", () => {
    const dir = configDir({ "guardian_config.json": SEED });
    const { config, warnings } = loadConfig({ dir, env: HOME_ENV });
    assert.deepEqual(warnings, []);
    assert.equal(config.present.guardian, true);
    assert.deepEqual(config.guardian, GUARDIAN_DEFAULTS);
  });

  it("returns an absolute dir for a relative one", () => {
    const { config } = loadConfig({ dir: "some/relative/dir", env: HOME_ENV });
    assert.equal(config.dir, join(process.cwd(), "some/relative/dir"));
  });
});

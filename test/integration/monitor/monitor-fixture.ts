// A controller for the monitor tests: a config dir (nodes, oyster.json with monitor settings), a
// real state.db, an AlertBook whose events are recorded, and a fake clock the test moves.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import type { AlertEvent } from "../../../src/alerts/types.ts";
import { loadConfig, type Config } from "../../../src/config/index.ts";
import { runMonitor, type MonitorReport } from "../../../src/monitor/run-monitor.ts";
import type { AccountCheck, ProviderName, QuotaWindow } from "../../../src/monitor/types.ts";
import { openStore, type Store } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

export interface MonitorRig {
  config: Config;
  store: Store;
  dataDir: string;
  dispatchDir: string;
  events: AlertEvent[];
  /** The log, as pino wrote it. */
  lines: string[];
  clock: { at: Date; advance(minutes: number): void };
  /** One monitor run with these checks, as the job does it. */
  run(checks: AccountCheck[]): Promise<MonitorReport>;
  close(): void;
}

export function monitorRig(opts: { nodes?: Array<{ name: string; tags?: string[] }>; monitor?: Record<string, unknown> } = {}): MonitorRig {
  const root = tmpDir("oyster-monitor-");
  const configDir = join(root, "config");
  const dataDir = join(root, "data");
  const dispatchDir = join(root, "dispatch");
  mkdirSync(configDir);
  mkdirSync(dispatchDir);
  writeFileSync(join(configDir, "nodes.json"), JSON.stringify({ nodes: opts.nodes ?? [] }));
  const monitor = { providers: { zai: [{ label: "glm", keyEnv: "ZAI_KEY" }], openai: [{ label: "main", keyEnv: "OPENAI_KEY" }] }, ...opts.monitor };
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ dispatch: { dir: dispatchDir }, monitor }));
  const config = loadConfig({ dir: configDir, env: { HOME: root } }).config;
  const clock = { at: new Date("2026-11-30T10:00:00.000Z"), advance(minutes: number) { this.at = new Date(this.at.getTime() + minutes * 60_000); } };
  const now = () => clock.at;
  const store = openStore(dataDir, now);
  const events: AlertEvent[] = [];
  const { log, lines } = memoryLogger("info");
  const alerts = new AlertBook(store, { dataDir, notifier: { notify: async (e) => void events.push(e) }, now, reminderMinutes: 240, retentionDays: 7, log });
  return {
    config, store, dataDir, dispatchDir, events, lines, clock,
    run: (checks) => runMonitor({ config, store, alerts, log, now, check: async () => checks }),
    close: () => store.close(),
  };
}

/** A window as the adapters return it: `usedPct` of a 1000-unit limit, resetting at `resetsAt`. */
export function win(provider: ProviderName, account: string, window: string, usedPct: number, resetsAt = "2026-11-30T15:00:00.000Z", over: Partial<QuotaWindow> = {}): QuotaWindow {
  const used = usedPct * 10;
  const status = usedPct >= 100 ? "exhausted" : usedPct >= 80 ? "low" : "ok";
  return { provider, account, window, windowSeconds: 18_000, used, limit: 1000, remaining: Math.max(0, 1000 - used), usedPct, resetsAt, status, ...over };
}

export function account(provider: ProviderName, label: string, at: Date, windows: QuotaWindow[]): AccountCheck {
  return { provider, account: label, checkedAt: at.toISOString(), windows };
}

/** The account check of a rejected key: one "account" window with status error. */
export function rejected(provider: ProviderName, label: string, at: Date): AccountCheck {
  return account(provider, label, at, [{
    provider, account: label, window: "account", windowSeconds: null, used: null, limit: null, remaining: null, usedPct: null, resetsAt: null,
    status: "error", errorKind: "key_rejected", detail: "key rejected (HTTP 401)",
  }]);
}

// `oyster snooze` with an absurd duration, through the real bin in its own process: a usage
// error (exit 2) naming the allowed range, for an existing alert and an unknown one alike, and
// nothing audited or changed.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import type { Alert } from "../../../src/alerts/types.ts";
import { openStore } from "../../../src/store/index.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { silentLogger } from "../../../src/log.ts";

async function sandbox() {
  const dir = tmpDir();
  const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH, LOG_LEVEL: "error" };
  mkdirSync(env.OYSTER_CONFIG_DIR);
  const store = openStore(env.OYSTER_DATA_DIR);
  const book = new AlertBook(store, { dataDir: env.OYSTER_DATA_DIR, notifier: { notify: async () => {} }, reminderMinutes: 60, retentionDays: 7, log: silentLogger() });
  await book.raise({ source: "guardian", check: "node_availability", node: "node-1", severity: "critical", message: "node-1 unreachable", attempts: 0 });
  store.close();
  const alertFile = () => JSON.parse(readFileSync(join(env.OYSTER_DATA_DIR, "guardian_alerts", "A1.json"), "utf8")) as Alert;
  const auditRows = () => {
    const s = openStore(env.OYSTER_DATA_DIR);
    try {
      return s.audit.since(new Date(0));
    } finally {
      s.close();
    }
  };
  return { env, alertFile, auditRows };
}

describe("oyster snooze with a duration out of range", () => {
  for (const id of ["A1", "A999"]) {
    it(`exits 2 for ${id} with 100000000d, naming the allowed range, and changes nothing`, async () => {
      const { env, alertFile, auditRows } = await sandbox();
      const json = await runOyster(["snooze", id, "100000000d", "--json"], env);
      assert.equal(json.code, 2, json.stdout + json.stderr);
      const doc = JSON.parse(json.stdout) as { ok: boolean; error: { code: string; message: string } };
      assert.equal(doc.ok, false);
      assert.equal(doc.error.code, "InvalidArgument");
      assert.match(doc.error.message, /too large; allowed from 1s to 30d/);
      const text = await runOyster(["snooze", id, "31d"], env);
      assert.equal(text.code, 2, text.stderr);
      assert.match(text.stderr, /"31d": invalid duration "31d": too large; allowed from 1s to 30d/);
      assert.doesNotMatch(text.stderr, /Internal|Invalid time value/);
      assert.equal(alertFile().status, "open");
      assert.deepEqual(auditRows(), []);
    });
  }
});

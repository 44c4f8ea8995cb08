// Where a secret must never show: what processes expose while a call is in flight (arguments,
// environment), and afterwards everything Oyster printed or kept (command output, the log file,
// every file in the data dir, state.db's audit rows).
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { openDb } from "../../src/store/index.ts";
import type { UsageStandin } from "./claude-usage-standin.ts";
import { processViews } from "./proc-scan.ts";

export interface CallWatch {
  /** Requests the stand-in received while watching. */
  calls: number;
  /** Processes seen mid-call whose arguments hold the reader's request (proof the scan saw the reader). */
  readersSeen: number;
  /** "pid args|environ: <args>" of every process that showed a secret. */
  leaks: string[];
  stop(): void;
}

/** Scans every process on the machine inside the stand-in's request handler, while the caller waits. */
export function watchCall(standin: UsageStandin, secrets: readonly string[], readerMark = "claudeUsageUrl"): CallWatch {
  const watch: CallWatch = { calls: 0, readersSeen: 0, leaks: [], stop: () => standin.onRequest(null) };
  standin.onRequest(() => {
    watch.calls++;
    for (const p of processViews()) {
      if (p.args.includes(readerMark)) watch.readersSeen++;
      for (const s of secrets) {
        if (p.args.includes(s)) watch.leaks.push(`${p.pid} args: ${p.args.slice(0, 200)}`);
        if (p.environ?.includes(s)) watch.leaks.push(`${p.pid} environ: ${p.args.slice(0, 200)}`);
      }
    }
  });
  return watch;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** No secret in any of the outputs, any file under the data dir (logs, state.db and its WAL), or any audit row. */
export function assertNowhere(secrets: readonly string[], outputs: Record<string, string>, dataDir: string): void {
  const db = openDb(join(dataDir, "state.db"));
  const audit = JSON.stringify(db.prepare("SELECT * FROM audit").all());
  const audited = (db.prepare("SELECT COUNT(*) AS n FROM audit").get() as { n: number }).n;
  db.close();
  assert.ok(audited > 0, "the audit has rows to look at");
  const logs = files(dataDir).filter((p) => p.includes(`${join(dataDir, "logs")}`));
  assert.ok(logs.length > 0, "a log file to look at");
  const places: Record<string, string> = { ...outputs, "audit rows": audit };
  for (const p of files(dataDir)) places[p] = readFileSync(p).toString("latin1");
  for (const [where, text] of Object.entries(places)) {
    for (const s of secrets) assert.ok(!text.includes(s), `a secret in ${where}`);
  }
}

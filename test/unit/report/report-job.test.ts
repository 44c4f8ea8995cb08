import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { report } from "../../../jobs/report/index.ts";
import { LogReportSink } from "../../../src/notify/report-sink.ts";
import { runRecorded, type JobContext } from "../../../src/scheduler.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { install, now } from "./fixture.ts";

describe("report job", () => {
  it("runs on schedules.report and never changes nodes", () => {
    const inst = install();
    assert.deepEqual(report.schedule(inst.config), { cron: "0 9 * * *" });
    assert.equal(report.changesNodes, false);
    assert.equal(report.name, "report");
  });

  it("builds the report, logs it (saying it was not sent: no delivery here), and records the headline as its summary", async () => {
    const inst = install({ nodes: [] });
    const { log, lines } = memoryLogger("info");
    const ctx: JobContext = {
      config: inst.config, ssh: createSshPool(inst.config, log, { HOME: inst.dataDir }), store: inst.store, log, now,
      signal: new AbortController().signal, trigger: "schedule", dataDir: inst.dataDir, notifier: { notify: async () => {} },
    };
    const outcome = await runRecorded(inst.store, log, { job: "report", trigger: "schedule", owner: "bot" }, () => report.run(ctx));
    assert.ok(outcome.ran);
    const summary = "Oyster daily report 2026-11-27: no nodes configured, tasks unavailable, no alerts open";
    assert.deepEqual(outcome.ran && outcome.result, { ok: true, summary });
    assert.deepEqual([inst.store.jobRuns.last("report")?.outcome, inst.store.jobRuns.last("report")?.summary], ["ok", summary]);
    assert.equal(lines.filter((l) => / INFO report not sent \(no delivery wired here\): logged only /.test(l) && l.includes(`subject=${summary}`)).length, 1);
  });

  it("LogReportSink writes one info line with the subject, saying nothing was sent", async () => {
    const { log, lines } = memoryLogger("info");
    await new LogReportSink(log).sendReport({ subject: "S", text: "t", html: "<p>h</p>", blocks: [{}] });
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? "", / INFO report not sent \(no delivery wired here\): logged only subject=S /);
  });
});

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { reportCommand } from "../../../commands/report.ts";
import { commands as registry } from "../../../commands/index.ts";
import { runCli } from "../../../src/cli.ts";
import { execute, prepare } from "../../../src/command/invoke.ts";
import type { CommandContext, Role } from "../../../src/command/types.ts";
import { OysterError } from "../../../src/errors.ts";
import type { ReportMessage, ReportSink } from "../../../src/notify/report-sink.ts";
import type { DailyReport } from "../../../src/report/types.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { install, NOW, now, populated, REACH } from "./fixture.ts";

class RecordingSink implements ReportSink {
  sent: ReportMessage[] = [];
  async sendReport(report: ReportMessage): Promise<void> {
    this.sent.push(report);
  }
}

/** A fresh install for the CLI: no config files at all, a data dir, the fixed clock. */
function sandbox() {
  const dir = tmpDir();
  const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH };
  mkdirSync(env.OYSTER_CONFIG_DIR);
  writeFileSync(join(env.OYSTER_CONFIG_DIR, "oyster.json"), JSON.stringify({ timezone: "UTC", dispatch: { dir: join(dir, "no-dispatch") } }));
  return { env, dataDir: env.OYSTER_DATA_DIR };
}

async function contextFor(role: Role, sink: RecordingSink): Promise<{ ctx: CommandContext; command: ReturnType<typeof reportCommand> }> {
  const inst = await populated();
  const { log } = memoryLogger("silent");
  const command = reportCommand({ sink: () => sink, reachability: () => async () => REACH });
  const ctx: CommandContext = {
    config: inst.config, store: inst.store, ssh: createSshPool(inst.config, log, { HOME: inst.dataDir }), log,
    caller: { who: `slack:U${role}`, via: "slack", role }, now, env: {}, dataDir: inst.dataDir, commands: [command],
  };
  return { ctx, command };
}

describe("oyster report", () => {
  it("prints the DailyReport as one JSON document with --json", async () => {
    const { env } = sandbox();
    const out = captureOutput();
    assert.equal(await runCli(["report", "--json"], { env, out: out.out, now, commands: [...registry.filter((c) => c.name !== "report"), reportCommand()] }), 0);
    const doc = JSON.parse(out.stdout) as DailyReport;
    assert.equal(doc.headline, "Oyster daily report 2026-11-27: no nodes configured, dispatch not configured, no alerts open");
    assert.equal(doc.generatedAt, NOW.toISOString());
  });

  it("prints the text report, headline first, and changes nothing without --send", async () => {
    const { env, dataDir } = sandbox();
    const out = captureOutput();
    assert.equal(await runCli(["report"], { env, out: out.out, now, commands: [...registry.filter((c) => c.name !== "report"), reportCommand()] }), 0);
    assert.match(out.stdout, /^Oyster daily report 2026-11-27: no nodes configured/);
    const store = openStore(dataDir);
    assert.deepEqual(store.audit.since(new Date(0)), [], "reading is not audited");
    store.close();
  });

  it("--send hands every rendering to the sink, without confirmation, and is audited", async () => {
    const { env, dataDir } = sandbox();
    const sink = new RecordingSink();
    const out = captureOutput();
    // No terminal and no --yes: a command that asked for confirmation would be refused here.
    assert.equal(await runCli(["report", "--send"], { env, out: out.out, now, commands: [...registry.filter((c) => c.name !== "report"), reportCommand({ sink: () => sink })] }), 0);
    assert.equal(sink.sent.length, 1);
    const [msg] = sink.sent;
    assert.equal(msg?.subject, "Oyster daily report 2026-11-27: no nodes configured, dispatch not configured, no alerts open");
    assert.match(msg?.text ?? "", /^Oyster daily report/);
    assert.match(msg?.html ?? "", /^<!doctype html>/);
    assert.ok((msg?.blocks.length ?? 0) > 0);
    assert.match(out.stdout, /Report sent: Oyster daily report 2026-11-27/);
    const store = openStore(dataDir);
    assert.deepEqual(store.audit.since(new Date(0)).map((r) => [r.command, r.args, r.decision, r.outcome]), [["report", { send: true }, "allowed", "ok"]]);
    store.close();
  });

  it("refuses --send to a viewer before anything runs (audited as denied), but shows a viewer the report", async () => {
    const sink = new RecordingSink();
    const { ctx } = await contextFor("viewer", sink);
    await assert.rejects(prepare(ctx, "report", ["--send"]), (err: unknown) => err instanceof OysterError && err.code === "Unauthorized" && /report needs the operator role/.test(err.message));
    assert.equal(sink.sent.length, 0);
    assert.deepEqual(ctx.store.audit.since(new Date(0)).map((r) => [r.who, r.decision, r.outcome]), [["slack:Uviewer", "denied", "denied"]]);
    const shown = await execute(ctx, await prepare(ctx, "report", []));
    assert.equal((shown.data as DailyReport).headline, "Oyster daily report 2026-11-27: 3/4 nodes up, 4 tasks failed, 2 alerts open");
  });

  it("lets an operator send from Slack", async () => {
    const sink = new RecordingSink();
    const { ctx } = await contextFor("operator", sink);
    const result = await execute(ctx, await prepare(ctx, "report", ["--send"]));
    assert.equal(result.ok, true);
    assert.equal(sink.sent[0]?.subject, "Oyster daily report 2026-11-27: 3/4 nodes up, 4 tasks failed, 2 alerts open");
  });

  it("rejects positional words with the usage line", async () => {
    const { env } = sandbox();
    const out = captureOutput();
    assert.equal(await runCli(["report", "today", "--json"], { env, out: out.out, now, commands: [...registry.filter((c) => c.name !== "report"), reportCommand()] }), 2);
    assert.match(out.stdout, /usage: oyster report \[--send\] \[--json\]/);
  });

  it("reads without SSH when the fleet is empty (the default probe has nothing to ask)", async () => {
    const inst = install({ nodes: [], dispatch: "none" });
    const { log } = memoryLogger("silent");
    const command = reportCommand();
    const ctx: CommandContext = {
      config: inst.config, store: inst.store, ssh: createSshPool(inst.config, log, { HOME: inst.dataDir }), log,
      caller: { who: "cli:t", via: "cli", role: "admin" }, now, env: {}, dataDir: inst.dataDir, commands: [command],
    };
    const r = await command.run(ctx, { send: false });
    assert.equal((r.data as DailyReport).nodes.total, 0);
  });
});

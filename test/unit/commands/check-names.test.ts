// `check` knows every guardian check by name, stuck_tasks (the opt-in sixth) included: help lists
// them, the name is accepted, and a wrong one is a usage error naming the ones there are.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

async function cli(...args: string[]) {
  return cliWith({}, ...args);
}

/** With these files in the config dir (name -> JSON). */
async function cliWith(files: Record<string, unknown>, ...args: string[]) {
  const dir = tmpDir();
  const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH };
  mkdirSync(env.OYSTER_CONFIG_DIR);
  for (const [name, doc] of Object.entries(files)) writeFileSync(join(env.OYSTER_CONFIG_DIR, name), JSON.stringify(doc));
  const c = captureOutput();
  const code = await runCli(args, { env, out: c.out });
  return { code, stdout: c.stdout };
}

const ALL = "db_schema, wrapper_version, ssh_connection, node_availability, param_alignment, stuck_tasks";

describe("check names", () => {
  it("help names the six checks", async () => {
    const { code, stdout } = await cli("help", "check");
    assert.equal(code, 0);
    // help wraps its summary to the terminal (80 columns in a pipe): read it as one line.
    assert.ok(stdout.replace(/\s*\n\s*/g, " ").includes(`Run the guardian's checks now (${ALL})`), stdout);
  });

  it("accepts stuck_tasks; with no fleet and the check off by default it is skipped, not an error", async () => {
    const { code, stdout } = await cli("check", "stuck_tasks", "--no-fix", "--json");
    assert.equal(code, 0, stdout);
    assert.deepEqual(JSON.parse(stdout).results, [{ check: "stuck_tasks", node: null, status: "skipped", detail: "switched off in guardian_config.json" }]);
  });

  it("switched on without a dispatch dir, stuck_tasks is skipped as not configured", async () => {
    const files = { "guardian_config.json": { checks: { stuck_tasks: true } }, "oyster.json": { dispatch: { dir: "/nonexistent/dispatch" } } };
    const { code, stdout } = await cliWith(files, "check", "stuck_tasks", "--json");
    assert.equal(code, 0, stdout);
    assert.deepEqual(JSON.parse(stdout).results.map((r: { status: string; detail: string }) => [r.status, r.detail]), [["skipped", "not configured: dispatch.dir /nonexistent/dispatch does not exist (set dispatch.dir in oyster.json)"]]);
  });

  it("refuses a check name it does not know (exit 2), listing the ones there are", async () => {
    const { code, stdout } = await cli("check", "stuck_task", "--json");
    assert.equal(code, 2);
    const doc = JSON.parse(stdout);
    assert.equal(doc.ok, false);
    assert.ok(doc.error.message.includes(`not a check; one of ${ALL}`), doc.error.message);
  });
});

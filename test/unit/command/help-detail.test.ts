// `oyster help <command>`: usage, options with what they do, the role per form, examples that
// the command accepts, and the exit codes, fitted to the terminal.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { commands as registry } from "../../../commands/index.ts";
import { runCli } from "../../../src/cli.ts";
import { splitArgv } from "../../../src/cli/split-argv.ts";
import { parseWords, validateArgs } from "../../../src/command/parse-args.ts";
import { displayWidth } from "../../../src/render/paint.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

async function help(columns: number, ...args: string[]): Promise<string> {
  const dir = tmpDir();
  const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH, COLUMNS: String(columns) };
  const c = captureOutput();
  assert.equal(await runCli(["help", ...args], { env, out: c.out }), 0, c.stderr);
  return c.stdout;
}

describe("help <command>", () => {
  it("shows the options with their descriptions, the role, examples and the exit codes", async () => {
    const text = await help(80, "restart");
    assert.match(text, /^usage: oyster restart dispatch <project>/);
    assert.match(text, /^Options:\n(.*\n)*  --parallel N +how many nodes restart at once/m);
    assert.match(text, /^ {2}--tag T +daemon, watcher, service: the nodes with this tag/m);
    assert.match(text, /^ {2}--yes, -y +run without asking/m);
    assert.match(text, /^Role: operator$/m);
    assert.match(text, /^Examples:\n {2}oyster restart daemon node-1$/m);
    assert.match(text, /^Exit codes:\n {2}0 +ok\n {2}1 +something checked is unhealthy/m);
    assert.match(text, /^ {2}2 +usage or config error/m);
    assert.match(text, /^ {2}3 +not allowed, not confirmed, or cancelled$/m);
  });

  it("names the role of each form when it differs by arguments", async () => {
    const report = await help(80, "report");
    assert.match(report, /^Role: viewer \(the forms not listed here\)\n {2}operator +--send$/m);
    const check = await help(80, "check");
    assert.match(check, /^Role: viewer .*\n {2}operator +fixing \(without --no-fix\)\n {2}operator +--rearm$/m);
  });

  it("offers --yes only for a command that changes state", async () => {
    assert.doesNotMatch(await help(80, "alerts"), /--yes/);
    assert.match(await help(80, "sync"), /--yes, -y/);
  });

  it("gives the main commands examples, and each is accepted by its command", () => {
    for (const name of ["status", "check", "restart", "sync", "logs", "nodes", "silence", "completion"]) {
      assert.ok((registry.find((c) => c.name === name)?.examples ?? []).length > 0, `${name} has examples`);
    }
    for (const cmd of registry) {
      for (const example of cmd.examples ?? []) {
        // As the CLI reads them: the shared flags (--json, --yes) taken out first.
        const { command: first, words } = splitArgv(example.split(" "));
        assert.equal(first, cmd.name, `${example}: starts with the command's name`);
        assert.doesNotThrow(() => validateArgs(cmd, parseWords(cmd, words)), `${example}`);
      }
    }
  });

  it("fits every command's page to 60, 80 and 200 columns", async () => {
    for (const columns of [60, 80, 200]) {
      for (const cmd of registry) {
        const text = await help(columns, cmd.name);
        const wide = text.split("\n").filter((l) => displayWidth(l) > columns);
        assert.deepEqual(wide, [], `help ${cmd.name} at ${columns} columns`);
      }
    }
  });

  it("wraps a long summary instead of running past the terminal, and keeps it whole on a wide one", async () => {
    const narrow = await help(60, "restart");
    assert.match(narrow, /^Restart the bot's guardian job \(config reloaded\), dispatch\n/m);
    const wide = await help(200, "restart");
    assert.match(wide, /^Restart the bot's guardian job .* on several$/m);
  });
});

// `help` shows each command's role (design.md's role table): the least role that runs some form
// of it, with the forms that need more named, in the CLI's text, in --json and in Slack.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { commands as registry } from "../../../commands/index.ts";
import { runCli } from "../../../src/cli.ts";
import { parseWords, validateArgs } from "../../../src/command/parse-args.ts";
import { requiredRole } from "../../../src/command/roles.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { handleSlash, type SlackDeps } from "../../../src/slack/router.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { assertWithinSlackLimits } from "../slack/block-limits.ts";

const ROLES: Record<string, string> = {
  help: "viewer", status: "viewer", nodes: "viewer", check: "viewer", alerts: "viewer", backups: "viewer", report: "viewer", jobs: "viewer",
  quota: "viewer", "oci-grab": "viewer", silence: "viewer", completion: "viewer",
  restart: "operator", ack: "operator", snooze: "operator", sync: "operator", backup: "operator", run: "operator", audit: "operator",
  "install-daemon": "operator", "install-agent-hooks": "operator", units: "operator", logs: "operator", db: "operator", dispatch: "operator", outbox: "operator", ps: "operator", doctor: "operator",
  restore: "admin",
};

const OPERATOR_FORMS: Record<string, Array<{ form: string; role: string }>> = {
  check: [{ form: "fixing (without --no-fix)", role: "operator" }, { form: "--rearm", role: "operator" }],
  report: [{ form: "--send", role: "operator" }],
  "oci-grab": [{ form: "start", role: "operator" }, { form: "stop", role: "operator" }],
  silence: [{ form: "add", role: "operator" }, { form: "remove", role: "operator" }],
  nodes: [{ form: "add", role: "operator" }, { form: "remove", role: "operator" }, { form: "drain", role: "operator" }, { form: "undrain", role: "operator" }],
};

function sandbox() {
  const dir = tmpDir();
  return { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH };
}

async function cliHelp(...args: string[]) {
  const c = captureOutput();
  assert.equal(await runCli(["help", ...args], { env: sandbox(), out: c.out }), 0, c.stderr);
  return c.stdout;
}

function slackDeps(): SlackDeps {
  const dir = tmpDir();
  mkdirSync(join(dir, "config"));
  writeFileSync(join(dir, "config", "oyster.json"), JSON.stringify({ roles: { operators: ["UOPER"] } }));
  const config = loadConfig({ dir: join(dir, "config") }).config;
  const { log } = memoryLogger("silent");
  return { config, store: openStore(dir), ssh: createSshPool(config, log), log, env: {}, dataDir: dir, commands: registry, now: () => new Date() };
}

describe("help shows roles", () => {
  it("--json gives every command its least role and the forms that need more", async () => {
    const doc = JSON.parse(await cliHelp("--json")) as { commands: Array<{ name: string; role: string; roleForms: unknown[] }> };
    assert.deepEqual(Object.fromEntries(doc.commands.map((c) => [c.name, c.role])), ROLES);
    assert.deepEqual(Object.fromEntries(doc.commands.filter((c) => c.roleForms.length).map((c) => [c.name, c.roleForms])), OPERATOR_FORMS);
  });

  it("prints a role column, with the operator forms on a line under their command", async () => {
    const text = await cliHelp();
    // Each command: role and usage, its summary under the usage, then the forms that need more.
    assert.match(text, /^ {2}viewer {4}check \[--all .*\n(?: {16}.*\n)* {12}Run the guardian's checks now(?:.*\n)*? {12}operator: fixing \(without --no-fix\), --rearm$/m);
    assert.match(text, /^ {2}viewer {4}report \[--send\].*\n {12}The daily report.*\n(?: {12}.*\n)*? {12}operator: --send$/m);
    assert.match(text, /^ {2}viewer {4}oci-grab .*\n(?: {12}.*\n)*? {12}operator: start, stop$/m);
    assert.match(text, /^ {2}viewer {4}nodes \[add <name> .*\n(?: {12}.*\n)*? {12}operator: add, remove, drain, undrain$/m);
    for (const name of ["logs", "ps", "units", "db", "dispatch", "outbox", "audit"]) assert.match(text, new RegExp(`^ {2}operator {2}${name} `, "m"), name);
    assert.match(text, /^ {2}admin {5}restore /m);
  });

  it("names forms whose example words get exactly the role the check enforces", () => {
    const split = registry.filter((c) => typeof c.role !== "string");
    assert.deepEqual(split.map((c) => c.name).sort(), Object.keys(OPERATOR_FORMS).sort());
    for (const cmd of split) {
      const forms = (cmd.role as Exclude<typeof cmd.role, string>).forms;
      assert.ok(new Set(forms.map((f) => f.role)).size > 1, `${cmd.name}: one role for every form needs no forms`);
      for (const f of forms) assert.equal(requiredRole(cmd, validateArgs(cmd, parseWords(cmd, f.example))), f.role, `${cmd.name} ${f.form}`);
    }
  });

  it("in Slack lists a viewer only what a viewer may run, with the role and the operator forms; an operator sees the rest", async () => {
    const deps = slackDeps();
    const viewer = await handleSlash(deps, { text: "help", userId: "UVIEW", channelId: "C1" });
    assertWithinSlackLimits(viewer);
    const seen = JSON.stringify(viewer.blocks);
    assert.match(seen, /`\/oyster check \[--all \| &lt;check&gt;\][^`]*`\\n\*viewer\* \(operator: fixing \(without --no-fix\), --rearm\): Run the guardian/);
    assert.match(seen, /`\/oyster status [^`]*`\\n\*viewer\*: /);
    for (const name of ["logs", "ps", "units", "db", "dispatch", "outbox", "audit", "restart", "restore"]) assert.doesNotMatch(seen, new RegExp(`/oyster ${name} `), name);
    const operator = await handleSlash(deps, { text: "help", userId: "UOPER", channelId: "C1" });
    assertWithinSlackLimits(operator);
    const all = JSON.stringify(operator.blocks);
    for (const name of ["logs", "ps", "units", "db", "dispatch", "outbox", "audit"]) assert.match(all, new RegExp(`/oyster ${name} [^\`]*\`\\\\n\\*operator\\*: `), name);
    assert.doesNotMatch(all, /\/oyster restore /, "restore is CLI only");
  });
});

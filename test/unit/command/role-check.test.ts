// Who may run what (design.md's "Roles in Slack"), checked where every caller passes: prepare().
// Viewers read the fleet's health; what runs on or is written by the nodes or dispatch is an
// operator's. The role is checked after the argument schema and before the command's own
// validate, which reads config and names what it found.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { z } from "zod";
import { commands as registry } from "../../../commands/index.ts";
import { prepare } from "../../../src/command/invoke.ts";
import { defineCommand, type Caller, type CommandContext, type Role } from "../../../src/command/types.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { OysterError } from "../../../src/errors.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { configDir, HOME_ENV } from "../config/config-dir.ts";

/** What a viewer may not read: each needs an operator. */
const OPERATOR_READS = [
  ["logs", "task", "web", "7"], ["logs", "oyster"], ["logs", "dispatch"], ["ps", "node-1"], ["units", "node-1", "agent-daemon", "--lines", "1000"],
  ["db"], ["dispatch", "status"], ["outbox"], ["audit"],
];

/** What a viewer reads: the fleet's health. */
const VIEWER_READS = [["help"], ["status"], ["check", "--no-fix"], ["alerts"], ["quota"], ["jobs"], ["nodes"], ["backups"], ["report"], ["oci-grab", "status"]];

const validated: string[] = [];
const extra = defineCommand({
  name: "probe", summary: "test: validates against config", usage: "probe <word>", role: "operator", changesState: false,
  schema: z.object({ _: z.tuple([z.string()]) }).transform((a) => ({ word: a._[0] })),
  validate: (ctx, a) => { validated.push(`${ctx.caller.role}:${a.word}`); },
  run: async () => ({ ok: true, data: {} }),
  text: () => "",
});

function context(role: Role, via: Caller["via"] = "slack") {
  const dir = tmpDir();
  const config = loadConfig({
    dir: configDir({
      "nodes.json": { nodes: [{ name: "node-1", host: "127.0.0.1", services: ["agent-daemon"] }] },
      "projects.json": { projects: [{ name: "web" }] },
      "oyster.json": { dispatch: { dir: join(dir, "dispatch") } },
    }),
    env: HOME_ENV,
  }).config;
  const { log } = memoryLogger("silent");
  const pool = createSshPool(config, log);
  // Every use of the SSH pool is recorded: a refused caller's validate must not even look a node up.
  const sshUses: string[] = [];
  const ssh = new Proxy(pool, { get: (target, prop, receiver) => (sshUses.push(String(prop)), Reflect.get(target, prop, receiver)) });
  const store = openStore(dir);
  const ctx: CommandContext = {
    config, store, ssh, log, now: () => new Date(), env: HOME_ENV, dataDir: dir, commands: [...registry, extra],
    caller: { who: `${via}:U${role}`, via, role, ...(via === "slack" ? { channel: "C1" } : {}) },
  };
  return { ctx, sshUses, denied: () => store.audit.since(new Date(0)).filter((r) => r.decision === "denied").map((r) => [r.command, r.who]) };
}

const unauthorized = (needs: Role) => (err: unknown) =>
  err instanceof OysterError && err.code === "Unauthorized" && err.exitCode === 3 && new RegExp(`needs the ${needs} role`).test(err.message);

describe("the role check", () => {
  it("refuses a viewer logs task|oyster|dispatch, ps, units, db, dispatch status, outbox and audit, each audited as denied, before anything looks at a node", async () => {
    const { ctx, sshUses, denied } = context("viewer");
    for (const [name, ...words] of OPERATOR_READS) await assert.rejects(prepare(ctx, name!, words), unauthorized("operator"), name);
    assert.deepEqual(denied(), OPERATOR_READS.map(([name]) => [name, "slack:Uviewer"]));
    assert.deepEqual(sshUses, [], "the refused commands' validate never ran");
  });

  it("lets an operator (and the CLI, which has every role) run each of them", async () => {
    for (const [role, via] of [["operator", "slack"], ["admin", "cli"]] as const) {
      const { ctx, denied } = context(role, via);
      for (const [name, ...words] of OPERATOR_READS) await prepare(ctx, name!, words);
      assert.deepEqual(denied(), []);
    }
  });

  it("lets a viewer read the fleet's health: help, status, check --no-fix, alerts, quota, jobs, nodes, backups, report, oci-grab status", async () => {
    const { ctx, denied } = context("viewer");
    for (const [name, ...words] of VIEWER_READS) await prepare(ctx, name!, words);
    assert.deepEqual(denied(), []);
  });

  it("keeps the operator forms of a viewer's commands an operator's: fixing, --rearm, report --send, oci-grab start and stop", async () => {
    const { ctx, denied } = context("viewer");
    const forms = [["check"], ["check", "--rearm", "ssh_connection"], ["report", "--send"], ["oci-grab", "start"], ["oci-grab", "stop"]];
    for (const [name, ...words] of forms) await assert.rejects(prepare(ctx, name!, words), unauthorized("operator"), [name, ...words].join(" "));
    assert.deepEqual(denied().map(([name]) => name), ["check", "check", "report", "oci-grab", "oci-grab"]);
  });

  it("checks the role before the command's validate, so a refused caller learns nothing of the config", async () => {
    const { ctx } = context("viewer");
    validated.length = 0;
    await assert.rejects(prepare(ctx, "probe", ["x"]), unauthorized("operator"));
    assert.deepEqual(validated, [], "validate ran for a caller who may not run the command");
    // An unknown node or project is not named back, nor are the known ones.
    for (const words of [["ps", "nope"], ["units", "nope"], ["dispatch", "status", "nope"], ["logs", "task", "nope", "1"]]) {
      await assert.rejects(prepare(ctx, words[0]!, words.slice(1)), (err: Error) => unauthorized("operator")(err) && !/node-1|web|known/.test(err.message), words.join(" "));
    }
    const op = context("operator").ctx;
    await prepare(op, "probe", ["y"]);
    assert.deepEqual(validated, ["operator:y"]);
    await assert.rejects(prepare(op, "ps", ["nope"]), (err: unknown) => err instanceof OysterError && err.code === "UnknownNode");
  });

  it("still checks the argument schema first: bad words are a usage error for anyone", async () => {
    const { ctx, denied } = context("viewer");
    await assert.rejects(prepare(ctx, "ps", ["x;reboot"]), (err: unknown) => err instanceof OysterError && err.exitCode === 2);
    assert.deepEqual(denied(), []);
  });
});

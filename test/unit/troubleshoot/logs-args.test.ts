// `logs` arguments through the registry's own parsing (prepare), as the CLI and Slack parse them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { logs } from "../../../commands/logs.ts";
import { prepare } from "../../../src/command/invoke.ts";
import type { CommandContext } from "../../../src/command/types.ts";
import { OysterError } from "../../../src/errors.ts";

// The CLI's caller has every role (logs is an operator's); these tests are about the words.
// A task log names a project of projects.json (checked before the run).
const ctx = { commands: [logs], config: { projects: [{ name: "web" }] }, caller: { who: "cli:op", via: "cli", role: "admin" } } as unknown as CommandContext;
const args = async (...words: string[]) => (await prepare(ctx, "logs", words)).args;
const usage = (re: RegExp) => (err: unknown) => err instanceof OysterError && err.exitCode === 2 && re.test(err.message) && /usage: oyster logs/.test(err.message);

describe("logs arguments", () => {
  it("gives each log its default line count", async () => {
    assert.deepEqual(await args("dispatch"), { source: "dispatch", lines: 100 });
    assert.deepEqual(await args("oyster", "--level", "warn", "--job", "guardian"), { source: "oyster", lines: 100, level: "warn", job: "guardian", follow: false });
    assert.deepEqual(await args("task", "web", "t-1", "--lines", "5"), { source: "task", lines: 5, project: "web", taskId: "t-1" });
    assert.deepEqual(await args("task", "web", "t-1"), { source: "task", lines: 200, project: "web", taskId: "t-1" });
  });

  it("refuses --level and --job with any log but oyster", async () => {
    await assert.rejects(args("dispatch", "--level", "warn"), usage(/--level: goes with `logs oyster`/));
    await assert.rejects(args("task", "web", "1", "--job", "guardian"), usage(/--job: goes with `logs oyster`/));
    await assert.rejects(args("dispatch", "--follow"), usage(/--follow: goes with `logs oyster`/));
  });

  it("refuses --follow in Slack and with --json (no stdout to stream to), exit 2, saying why", async () => {
    const refused = (re: RegExp) => (err: unknown) => err instanceof OysterError && err.exitCode === 2 && re.test(err.message);
    const slack = { ...ctx, caller: { who: "slack:UOPER", via: "slack", role: "operator" } } as CommandContext;
    await assert.rejects(prepare(slack, "logs", ["oyster", "--follow"]), refused(/^logs oyster --follow runs from the CLI only: oyster logs oyster --follow$/));
    await assert.rejects(prepare(ctx, "logs", ["oyster", "--follow"]), refused(/prints lines until Ctrl-C: run it without --json/));
    const terminal = { ...ctx, stdout: { write: () => true } } as CommandContext;
    assert.deepEqual((await prepare(terminal, "logs", ["oyster", "--follow", "--lines", "5"])).args, { source: "oyster", lines: 5, level: null, job: null, follow: true });
  });

  it("refuses a missing or unknown log, wrong word counts, bad levels and line counts out of 1..10000", async () => {
    await assert.rejects(args(), usage(/which log/));
    await assert.rejects(args("nginx"), usage(/not a log/));
    await assert.rejects(args("task", "web"), usage(/<project> <task-id>/));
    await assert.rejects(args("dispatch", "extra"), usage(/no further words/));
    await assert.rejects(args("oyster", "--level", "loud"), usage(/--level: one of trace, debug/));
    for (const n of ["0", "10001", "-1", "ten"]) await assert.rejects(args("dispatch", "--lines", n), usage(/--lines/), n);
  });
});

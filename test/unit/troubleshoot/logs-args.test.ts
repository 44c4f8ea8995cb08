// `logs` arguments through the registry's own parsing (prepare), as the CLI and Slack parse them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { logs } from "../../../commands/logs.ts";
import { prepare } from "../../../src/command/invoke.ts";
import type { CommandContext } from "../../../src/command/types.ts";
import { OysterError } from "../../../src/errors.ts";

// The CLI's caller has every role (logs is an operator's); these tests are about the words.
const ctx = { commands: [logs], caller: { who: "cli:op", via: "cli", role: "admin" } } as unknown as CommandContext;
const args = async (...words: string[]) => (await prepare(ctx, "logs", words)).args;
const usage = (re: RegExp) => (err: unknown) => err instanceof OysterError && err.exitCode === 2 && re.test(err.message) && /usage: oyster logs/.test(err.message);

describe("logs arguments", () => {
  it("gives each log its default line count", async () => {
    assert.deepEqual(await args("dispatch"), { source: "dispatch", lines: 100 });
    assert.deepEqual(await args("oyster", "--level", "warn", "--job", "guardian"), { source: "oyster", lines: 100, level: "warn", job: "guardian" });
    assert.deepEqual(await args("task", "web", "t-1", "--lines", "5"), { source: "task", lines: 5, project: "web", taskId: "t-1" });
    assert.deepEqual(await args("task", "web", "t-1"), { source: "task", lines: 200, project: "web", taskId: "t-1" });
  });

  it("refuses --level and --job with any log but oyster", async () => {
    await assert.rejects(args("dispatch", "--level", "warn"), usage(/--level: goes with `logs oyster`/));
    await assert.rejects(args("task", "web", "1", "--job", "guardian"), usage(/--job: goes with `logs oyster`/));
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

// How check shows its report: grouped by default, the per-node table with --verbose, node lists
// cut in Slack; --verbose changes how it reads, never what runs, who may run it or what is audited.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CheckResult, GuardianReport } from "../../../jobs/guardian/report.ts";
import { check, SLACK_MAX_NAMES } from "../../../commands/check.ts";
import { parseWords, validateArgs } from "../../../src/command/parse-args.ts";
import { changesState } from "../../../src/command/types.ts";
import { resultReply } from "../../../src/slack/render/messages.ts";
import { terminalPaint } from "../../../src/render/paint.ts";
import { makeView, plainView } from "../../../src/render/view.ts";

const args = (...words: string[]) => validateArgs<Parameters<typeof check.run>[1]>(check, parseWords(check, words));
const NODES = Array.from({ length: 30 }, (_, i) => `node-${i + 1}`);
const results: CheckResult[] = NODES.flatMap((n, i): CheckResult[] => [
  { check: "ssh_connection", node: n, status: "passed", detail: `round trip in ${i} ms` },
  { check: "wrapper_version", node: n, status: i < 20 ? "failed" : "passed", detail: i < 20 ? "task-wrapper.sh missing on the node" : "task-wrapper.sh matches" },
]);
const data: GuardianReport = { startedAt: "2026-12-07T10:00:00.000Z", durationMs: 1, fix: false, nodes: NODES, storm: null, dispatchNodeChanges: [], results, ok: false };
const sectionText = (blocks: unknown[]) => (blocks as Array<{ text: { text: string } }>).map((b) => b.text.text).join("\n");

describe("check --verbose", () => {
  it("is a flag of its own, present in the arguments only when given (an ordinary check audits as before)", () => {
    assert.deepEqual(args("--no-fix"), { check: undefined, node: undefined, fix: false });
    assert.deepEqual(args("--no-fix", "--verbose"), { check: undefined, node: undefined, fix: false, verbose: true });
  });

  it("changes neither the role nor whether the run changes state", () => {
    const role = check.role as { of(a: unknown): string };
    assert.equal(role.of(args("--no-fix", "--verbose")), "viewer");
    assert.equal(changesState(check, args("--no-fix", "--verbose")), false);
    assert.equal(role.of(args("--verbose")), "operator");
    assert.equal(changesState(check, args("--verbose")), true);
  });

  it("gives a row per check per node; without it, a line per group", () => {
    const view = plainView("en");
    assert.equal(check.text(data, view, args("--verbose")).split("\n").length, 1 + 60 + 1);
    assert.deepEqual(check.text(data, view, args()).split("\n"), [
      `wrapper_version FAILED on ${NODES.slice(0, 20).join(", ")}: task-wrapper.sh missing on the node`,
      "ssh_connection passed on 30 nodes",
      "wrapper_version passed on 10 nodes",
      "40 passed, 0 fixed, 20 failed, 0 skipped over 30 node(s)",
    ]);
  });
});

describe("check on a terminal", () => {
  it("wraps a long node list to the terminal's width, naming every node", () => {
    const text = check.text(data, makeView("en", terminalPaint(false), 60), args());
    const lines = text.split("\n");
    assert.ok(lines.every((l) => [...l].length <= 60), text);
    for (const n of NODES.slice(0, 20)) assert.match(text, new RegExp(`\\b${n}[,:]`));
  });

  it("keeps a group on one line in a pipe, for grep", () => {
    assert.equal(check.text(data, makeView("en", plainView().paint, 60), args()).split("\n").length, 4);
  });
});

describe("check in Slack", () => {
  it("cuts the node list with how many more, in a code block without paint", () => {
    const reply = resultReply(check, data, false, "in_channel", "en", args("--no-fix"));
    const body = sectionText(reply.blocks);
    assert.ok(body.startsWith("```"), body);
    assert.ok(body.includes(`FAILED on ${NODES.slice(0, SLACK_MAX_NAMES).join(", ")}, ... and ${20 - SLACK_MAX_NAMES} more: task-wrapper.sh missing on the node`), body);
    assert.doesNotMatch(body, /[\uE000\uE001\x1b✖✔]/);
    assert.match(reply.text, /^:warning: wrapper_version FAILED on node-1, /);
  });

  it("--verbose shows the per-node table there too", () => {
    const body = sectionText(resultReply(check, data, false, "in_channel", "en", args("--no-fix", "--verbose")).blocks);
    assert.match(body, /CHECK\s+NODE\s+RESULT\s+DETAIL/);
  });

  it("speaks zh-CN when the locale says so", () => {
    const body = sectionText(resultReply(check, data, false, "in_channel", "zh-CN", args("--no-fix")).blocks);
    assert.ok(body.includes(`wrapper_version 失败（node-1, node-2, node-3, node-4, node-5, node-6, node-7, node-8 等另外 ${20 - SLACK_MAX_NAMES} 个节点）：task-wrapper.sh missing on the node`), body);
  });
});

// stuck_tasks' rules as a pure function of what was read and a fake `now`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { judgeStuck, type JudgeInput, type LogReading } from "../../../../../jobs/guardian/checks/stuck-tasks/judge.ts";
import { projectLimits } from "../../../../../jobs/guardian/checks/stuck-tasks/project-limits.ts";
import { cleanLine } from "../../../../../jobs/guardian/checks/stuck-tasks/task-log-reader.ts";
import { stuckDetail } from "../../../../../jobs/guardian/checks/stuck-tasks/describe.ts";
import type { Config } from "../../../../../src/config/index.ts";
import { createLogger } from "../../../../../src/log.ts";
import type { RunningRow } from "../../../../../src/dispatch/stuck-inputs.ts";

const NOW = new Date("2026-11-27T12:00:00.000Z");
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const row = (id: number, startedMinutesAgo: number, over: Partial<RunningRow> = {}): RunningRow => ({
  id, project: "web", node: "n1", startedAt: ago(startedMinutesAgo), createdAt: ago(startedMinutesAgo + 1), attempts: 0, ...over,
});

function judge(over: Partial<JudgeInput>) {
  return judgeStuck({ running: [], nodes: [], logs: new Map(), now: NOW, maxRunMinutes: () => 240, offlineMinutes: 15, ...over });
}
const kinds = (out: ReturnType<typeof judgeStuck>) => out.map((s) => [s.task.id, s.reasons.map((r) => r.kind)]);

describe("stuck_tasks judge", () => {
  it("a task running longer than maxRunMinutes is stuck; one at the limit is not", () => {
    const out = judge({ running: [row(1, 241), row(2, 240), row(3, 10)] });
    assert.deepEqual(kinds(out), [[1, ["running-long"]]]);
    assert.equal(Math.round(out[0]!.ageMinutes!), 241);
  });

  it("a project's own maxRunMinutes replaces the default for its tasks only", () => {
    const limits = (p: string) => (p === "batch" ? 30 : 240);
    const out = judge({ running: [row(1, 31, { project: "batch" }), row(2, 31)], maxRunMinutes: limits });
    assert.deepEqual(kinds(out), [[1, ["running-long"]]]);
  });

  it("age is counted from created_at when dispatch left started_at empty", () => {
    const out = judge({ running: [row(1, 0, { startedAt: null, createdAt: ago(300) })] });
    assert.deepEqual(kinds(out), [[1, ["running-long"]]]);
  });

  it("a task on a node offline in dispatch for longer than offlineMinutes is stuck; offline for less, or online, is not", () => {
    const nodes = [
      { name: "n1", state: "offline", updatedAt: ago(16) },
      { name: "n2", state: "offline", updatedAt: ago(15) },
      { name: "n3", state: "online", updatedAt: ago(600) },
    ];
    const out = judge({ running: [row(1, 5), row(2, 5, { node: "n2" }), row(3, 5, { node: "n3" })], nodes });
    assert.deepEqual(kinds(out), [[1, ["node-offline"]]]);
    assert.deepEqual(out[0]!.reasons[0], { kind: "node-offline", offlineMinutes: 16, since: ago(16) });
  });

  it("a task whose task.log has not been written for maxRunMinutes is stuck, by the node's own clock", () => {
    const logs = new Map<string, LogReading>([
      ["web/1", { kind: "read", silentMinutes: 300, size: 10, lastLine: "waiting" }],
      ["web/2", { kind: "read", silentMinutes: 2, size: 10, lastLine: "busy" }],
      ["web/3", { kind: "missing" }],
    ]);
    const out = judge({ running: [row(1, 10), row(2, 10), row(3, 10)], logs });
    assert.deepEqual(kinds(out), [[1, ["log-silent"]]]);
    assert.match(stuckDetail(out[0]!), /^web\/1 on n1, running for 10m: task\.log not written for 5h 0m \(limit 240m\); last log line: "waiting"$/);
  });

  it("a draining node's tasks count as usual, and every reason that holds is named", () => {
    const nodes = [{ name: "n1", state: "draining", updatedAt: ago(999) }, { name: "n2", state: "offline", updatedAt: ago(60) }];
    const logs = new Map<string, LogReading>([["web/2", { kind: "unknown", why: "node offline in dispatch.db" }]]);
    const out = judge({ running: [row(1, 300), row(2, 300, { node: "n2" })], nodes, logs });
    assert.deepEqual(kinds(out), [[1, ["running-long"]], [2, ["running-long", "node-offline"]]]);
  });
});

describe("stuck_tasks inputs", () => {
  it("reads a project's maxRunMinutes as a positive number and ignores anything else with a warning", () => {
    const lines: string[] = [];
    const log = createLogger({ level: "warn", stderr: { write: (l: string) => void lines.push(l) } });
    const config = { oyster: { guardian: { stuckTasks: { maxRunMinutes: 240 } } }, projects: [{ name: "batch", maxRunMinutes: 30 }, { name: "odd", maxRunMinutes: "lots" }, { name: "neg", maxRunMinutes: -5 }, { name: "plain" }] } as unknown as Config;
    const limit = projectLimits(config, log);
    assert.deepEqual(["batch", "odd", "neg", "plain", "unlisted"].map(limit), [30, 240, 240, 240, 240]);
    assert.deepEqual(lines.map((l) => /maxRunMinutes is not a positive number; ignored project=(\S+)/.exec(l)?.[1]), ["odd", "neg"]);
  });

  it("a last log line is scrubbed of secrets, stripped of control characters and cut short", () => {
    const line = cleanLine(`\u001b[31mERROR\u001b[0m token sk-live-abcdef123456 refused\r${"x".repeat(400)}`, ["sk-live-abcdef123456"]);
    const head = "[31mERROR [0m token [REDACTED] refused ";
    assert.equal(line, `${head}${"x".repeat(159 - head.length)}…`);
  });
});

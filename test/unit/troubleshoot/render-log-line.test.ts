// renderLogLine over lines as src/log.ts writes them to oyster.log (pino JSON).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LEVELS, renderLogLine } from "../../../src/troubleshoot/render-log-line.ts";

const rec = (o: Record<string, unknown>) => JSON.stringify({ level: 30, time: Date.parse("2026-01-02T03:04:05Z"), pid: 7, msg: "hi", ...o });

describe("renderLogLine", () => {
  it("renders HH:MM:SS LEVEL msg key=value, as the stderr lines read", () => {
    assert.equal(renderLogLine(rec({ level: 40, msg: "check failed", job: "guardian", node: "n1", attempts: 2 })), "03:04:05 WARN check failed job=guardian node=n1 attempts=2");
    assert.equal(renderLogLine(rec({ err: { message: "boom", stack: "..." } })), "03:04:05 INFO hi err=boom");
  });

  it("drops lines below the minimum level and lines of other jobs", () => {
    const filter = { minLevel: LEVELS.warn, job: "guardian" };
    assert.equal(renderLogLine(rec({ level: 30, job: "guardian" }), filter), null);
    assert.equal(renderLogLine(rec({ level: 50, job: "monitor" }), filter), null);
    assert.equal(renderLogLine(rec({ level: 50 }), filter), null);
    assert.match(renderLogLine(rec({ level: 50, job: "guardian" }), filter) ?? "", /ERROR hi job=guardian/);
  });

  it("shows a line that is not JSON as it is, unless a filter is on", () => {
    assert.equal(renderLogLine("Segmentation fault"), "Segmentation fault");
    assert.equal(renderLogLine("[1,2]"), "[1,2]");
    assert.equal(renderLogLine("Segmentation fault", { minLevel: 10 }), null);
  });
});

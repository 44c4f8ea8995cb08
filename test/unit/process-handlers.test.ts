import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";
import { createLogger } from "../../src/log.ts";
import { installRejectionLogger } from "../../src/process-handlers.ts";

const SECRET = "xoxb-secret-token-value";

function capture() {
  const lines: string[] = [];
  const log = createLogger({ level: "info", secrets: [SECRET], stderr: { write: (s: string) => lines.push(s) } });
  const proc = new EventEmitter() as unknown as NodeJS.Process;
  return { lines, log, proc };
}

describe("installRejectionLogger", () => {
  it("logs a rejection through the logger with its secrets scrubbed, for an Error and for a bare value", () => {
    const { lines, log, proc } = capture();
    installRejectionLogger(log, proc);
    proc.emit("unhandledRejection", new Error(`slack said no to ${SECRET}`), Promise.resolve());
    proc.emit("unhandledRejection", `token ${SECRET} refused`, Promise.resolve());
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /ERROR unhandled rejection \(kept running\).* err=slack said no to \[REDACTED\]/);
    assert.match(lines[1]!, /ERROR unhandled rejection \(kept running\) reason=token \[REDACTED\] refused/);
    assert.ok(lines.every((l) => !l.includes(SECRET)));
  });

  it("stops listening once uninstalled", () => {
    const { lines, log, proc } = capture();
    const uninstall = installRejectionLogger(log, proc);
    uninstall();
    assert.equal((proc as unknown as EventEmitter).listenerCount("unhandledRejection"), 0);
    assert.deepEqual(lines, []);
  });
});

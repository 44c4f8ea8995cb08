import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { formatRestart, restartDispatch } from "../../../src/restart/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

// Command lines built from shell builtins so these run without python: each appends to run.log.
function setup(stopCommand: string, startCommand = "echo start {project} >> run.log") {
  const root = tmpDir();
  const dir = join(root, "dispatch");
  mkdirSync(dir);
  writeFileSync(join(root, "oyster.json"), JSON.stringify({ dispatch: { dir, stopCommand, startCommand }, ssh: { commandTimeoutMs: 500 } }));
  const config = loadConfig({ dir: root, env: { HOME: root } }).config;
  const ran = () => readFileSync(join(dir, "run.log"), "utf8");
  return { deps: { config, env: { PATH: process.env.PATH } }, target: { kind: "dispatch" as const, project: "web", dir }, ran };
}

describe("restartDispatch", () => {
  it("starts even when the stop exits non-zero (dispatch was not running), and succeeds on the start", async () => {
    const s = setup("echo stop {project} >> run.log; echo not running >&2; exit 1");
    const data = await restartDispatch(s.deps, s.target);
    assert.equal(s.ran(), "stop web\nstart web\n");
    assert.deepEqual(data.steps.map((x) => x.code), [1, 0]);
    assert.equal(data.ok, true);
  });

  it("does not start when the stop timed out: dispatch may still be running", async () => {
    const s = setup("echo stop {project} >> run.log; sleep 5");
    const data = await restartDispatch(s.deps, s.target);
    assert.equal(s.ran(), "stop web\n");
    assert.equal(data.steps.length, 1);
    assert.equal(data.steps[0]!.timedOut, true);
    assert.equal(data.ok, false);
    assert.match(formatRestart(data), /stop: .* -> timed out .*\n  \(no output\)\nstart: not run \(the stop timed out; dispatch may still be running\)$/);
  });

  it("keeps Oyster's Slack and SMTP secrets out of dispatch's environment", async () => {
    const s = setup("true", 'echo "[$SLACK_BOT_TOKEN][$SMTP_URL][$KEEP]" >> run.log');
    await restartDispatch({ ...s.deps, env: { ...s.deps.env, SLACK_BOT_TOKEN: "xoxb-1", SMTP_URL: "smtp://u:p@h", KEEP: "yes" } }, s.target);
    assert.equal(s.ran(), "[][][yes]\n");
  });

  it("fails when the start fails", async () => {
    const s = setup("true", "echo start {project} >> run.log; exit 2");
    const data = await restartDispatch(s.deps, s.target);
    assert.equal(data.ok, false);
    assert.equal(data.steps[1]!.code, 2);
  });
});

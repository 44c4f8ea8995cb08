// safeTaskLogPath over a real dispatch dir with real symlinks: every refusal is exit 2 and names
// no content from outside; only a task.log inside its own task dir is handed back.
import assert from "node:assert/strict";
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { OysterError } from "../../../src/errors.ts";
import { safeTaskLogPath } from "../../../src/troubleshoot/safe-task-path.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function dispatchDir() {
  const root = tmpDir();
  const dir = join(root, "dispatch");
  const outside = join(root, "outside");
  mkdirSync(join(dir, "web", "tasks", "t-1"), { recursive: true });
  mkdirSync(join(outside, "t-9"), { recursive: true });
  writeFileSync(join(dir, "web", "tasks", "t-1", "task.log"), "inside\n");
  writeFileSync(join(outside, "t-9", "task.log"), "SECRET outside\n");
  return { dir, outside, req: { dispatchDir: dir, projects: ["web", "api"] } };
}

const refused = (code: string) => (err: unknown) => {
  assert.ok(err instanceof OysterError, String(err));
  assert.equal(err.code, code);
  assert.equal(err.exitCode, 2);
  assert.doesNotMatch(err.message, /SECRET/);
  return true;
};

describe("safeTaskLogPath", () => {
  it("returns the real path of a task.log inside dispatch.dir", async () => {
    const { dir, req } = dispatchDir();
    assert.equal(await safeTaskLogPath({ ...req, project: "web", taskId: "t-1" }), realpathSync(join(dir, "web/tasks/t-1/task.log")));
  });

  it("refuses a project not in projects.json, naming the known ones", async () => {
    const { req } = dispatchDir();
    await assert.rejects(safeTaskLogPath({ ...req, project: "nope", taskId: "t-1" }), (err: unknown) => refused("UnknownProject")(err) && /known: web, api/.test((err as Error).message));
    await assert.rejects(safeTaskLogPath({ ...req, project: "../outside", taskId: "t-9" }), refused("UnknownProject"));
  });

  it("refuses task ids with .. anywhere, separators, absolute paths, . and ..", async () => {
    const { req } = dispatchDir();
    for (const taskId of ["..", ".", "../../outside/t-9", "a/../t-1", "/etc/passwd", "t-1/..", "a b", ""]) {
      await assert.rejects(safeTaskLogPath({ ...req, project: "web", taskId }), refused("InvalidArgument"), taskId);
    }
  });

  it("refuses a symlink inside the dispatch dir that points outside it (task dir or task.log)", async () => {
    const { dir, outside, req } = dispatchDir();
    symlinkSync(join(outside, "t-9"), join(dir, "web", "tasks", "t-9"));
    await assert.rejects(safeTaskLogPath({ ...req, project: "web", taskId: "t-9" }), refused("InvalidArgument"));
    mkdirSync(join(dir, "web", "tasks", "t-2"));
    symlinkSync(join(outside, "t-9", "task.log"), join(dir, "web", "tasks", "t-2", "task.log"));
    await assert.rejects(safeTaskLogPath({ ...req, project: "web", taskId: "t-2" }), refused("InvalidArgument"));
    // A link that leads nowhere yet is refused too, not reported as "missing".
    mkdirSync(join(dir, "web", "tasks", "t-3"));
    symlinkSync(join(outside, "later.log"), join(dir, "web", "tasks", "t-3", "task.log"));
    await assert.rejects(safeTaskLogPath({ ...req, project: "web", taskId: "t-3" }), refused("InvalidArgument"));
  });

  it("refuses a project directory that is itself a link out of dispatch.dir", async () => {
    const { dir, outside, req } = dispatchDir();
    mkdirSync(join(outside, "tasks", "t-1"), { recursive: true });
    symlinkSync(outside, join(dir, "api"));
    await assert.rejects(safeTaskLogPath({ ...req, project: "api", taskId: "t-1" }), refused("InvalidArgument"));
    await assert.rejects(safeTaskLogPath({ ...req, project: "api", taskId: "t-404" }), refused("InvalidArgument"));
  });

  it("refuses a task.log linked to dispatch's .env or to another task: inside dispatch.dir, outside the task's own dir", async () => {
    const { dir, req } = dispatchDir();
    writeFileSync(join(dir, ".env"), "SECRET=dispatch-env\n");
    mkdirSync(join(dir, "web", "tasks", "t-5"));
    symlinkSync("../../../.env", join(dir, "web", "tasks", "t-5", "task.log"));
    await assert.rejects(safeTaskLogPath({ ...req, project: "web", taskId: "t-5" }), refused("InvalidArgument"));
    // Another task's log (a task dir that is a link to a sibling) is not this task's either.
    symlinkSync(join(dir, "web", "tasks", "t-1"), join(dir, "web", "tasks", "alias"));
    await assert.rejects(safeTaskLogPath({ ...req, project: "web", taskId: "alias" }), refused("InvalidArgument"));
    // Nor is a project dir that links to another project inside dispatch.dir, task.log there or not.
    symlinkSync(join(dir, "web"), join(dir, "api"));
    await assert.rejects(safeTaskLogPath({ ...req, project: "api", taskId: "t-1" }), refused("InvalidArgument"));
    await assert.rejects(safeTaskLogPath({ ...req, project: "api", taskId: "t-404" }), refused("InvalidArgument"));
  });

  it("follows a link that stays inside the task's own dir, and hands back a missing task.log's path for the reader to report", async () => {
    const { dir, req } = dispatchDir();
    mkdirSync(join(dir, "web", "tasks", "t-6", "logs"), { recursive: true });
    writeFileSync(join(dir, "web", "tasks", "t-6", "logs", "run.log"), "run\n");
    symlinkSync("logs/run.log", join(dir, "web", "tasks", "t-6", "task.log"));
    assert.equal(await safeTaskLogPath({ ...req, project: "web", taskId: "t-6" }), realpathSync(join(dir, "web/tasks/t-6/logs/run.log")));
    assert.equal(await safeTaskLogPath({ ...req, project: "web", taskId: "t-404" }), join(dir, "web/tasks/t-404/task.log"));
    mkdirSync(join(dir, "web", "tasks", "t-7"));
    assert.equal(await safeTaskLogPath({ ...req, project: "web", taskId: "t-7" }), join(dir, "web/tasks/t-7/task.log"));
  });
});

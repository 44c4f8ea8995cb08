// safeTaskLogPath over a real dispatch dir with real symlinks: every refusal is exit 2 and names
// no content from outside; only a plain task.log inside dispatch.dir is handed back.
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

  it("follows links that stay inside dispatch.dir, and hands back a missing task.log's path for the reader to report", async () => {
    const { dir, req } = dispatchDir();
    symlinkSync(join(dir, "web", "tasks", "t-1"), join(dir, "web", "tasks", "alias"));
    assert.equal(await safeTaskLogPath({ ...req, project: "web", taskId: "alias" }), realpathSync(join(dir, "web/tasks/t-1/task.log")));
    assert.equal(await safeTaskLogPath({ ...req, project: "web", taskId: "t-404" }), join(dir, "web/tasks/t-404/task.log"));
  });
});

// openTaskLog / openRegular over real files, links and FIFOs: only a plain file inside the task's
// own dir is ever opened for reading; everything else is refused at once (exit 2 for a task).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { OysterError } from "../../../src/errors.ts";
import { openRegular } from "../../../src/troubleshoot/open-regular.ts";
import { openTaskLog } from "../../../src/troubleshoot/open-task-log.ts";
import { tailOpen } from "../../../src/troubleshoot/tail-file.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function task(id: string) {
  const dir = join(tmpDir(), "dispatch");
  const taskDir = join(dir, "web", "tasks", id);
  mkdirSync(taskDir, { recursive: true });
  return { dir, taskDir, req: { dispatchDir: dir, projects: ["web"], project: "web", taskId: id } };
}

const refusedWith = (code: string, exit: number, re: RegExp) => (err: unknown) => {
  assert.ok(err instanceof OysterError, String(err));
  assert.equal(err.code, code);
  assert.equal(err.exitCode, exit);
  assert.match(err.message, re);
  return true;
};

describe("openTaskLog", () => {
  it("opens a plain task.log and hands the open handle to the tail", async () => {
    const t = task("1");
    writeFileSync(join(t.taskDir, "task.log"), "one\ntwo\n");
    const tail = await tailOpen(await openTaskLog(t.req), { lines: 5 });
    assert.deepEqual(tail.lines, ["one", "two"]);
  });

  it("refuses a FIFO named task.log at once, exit 2 (opened O_NONBLOCK, judged by fstat)", { timeout: 10_000 }, async () => {
    const t = task("2");
    execFileSync("mkfifo", [join(t.taskDir, "task.log")]);
    await assert.rejects(openTaskLog(t.req), refusedWith("InvalidArgument", 2, /task\.log is a FIFO, not a plain file: refused/));
  });

  it("refuses a directory named task.log, exit 2", async () => {
    const t = task("3");
    mkdirSync(join(t.taskDir, "task.log"));
    await assert.rejects(openTaskLog(t.req), refusedWith("InvalidArgument", 2, /is a directory, not a plain file/));
  });

  it("a missing task.log is FileNotFound (exit 1) naming its path", async () => {
    const t = task("4");
    await assert.rejects(openTaskLog(t.req), refusedWith("FileNotFound", 1, /tasks\/4\/task\.log does not exist/));
  });
});

describe("openRegular", () => {
  it("with noFollow refuses a path whose last component is a symlink (O_NOFOLLOW), even to a plain file", async () => {
    const dir = tmpDir();
    writeFileSync(join(dir, "real.log"), "x\n");
    symlinkSync(join(dir, "real.log"), join(dir, "link.log"));
    await assert.rejects(openRegular(join(dir, "link.log"), { noFollow: true }), refusedWith("FileNotFound", 1, /is not a regular file \(a symbolic link\)/));
    const followed = await openRegular(join(dir, "link.log"));
    await followed.fh.close();
  });

  it("refuses a FIFO as a log (dispatch.log) without blocking: FileNotFound, exit 1", { timeout: 10_000 }, async () => {
    const dir = tmpDir();
    execFileSync("mkfifo", [join(dir, "dispatch.log")]);
    await assert.rejects(openRegular(join(dir, "dispatch.log")), refusedWith("FileNotFound", 1, /is not a regular file \(a FIFO\)/));
  });
});

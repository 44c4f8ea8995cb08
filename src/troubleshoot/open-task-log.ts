import { stat } from "node:fs/promises";
import { OysterError } from "../errors.ts";
import { openRegular, type OpenLog } from "./open-regular.ts";
import { safeTaskLogPath, type TaskLogRequest } from "./safe-task-path.ts";

// A task dir is written by dispatch and by what the agents run: whatever sits at task.log is not
// trusted to be a log. Everything here is a refusal like the other task-path refusals (exit 2).
const refused = (shown: string, why: string) => new OysterError("InvalidArgument", `${shown} ${why}: refused, nothing read`, {});

/**
 * A task's task.log, opened: its real path proven inside the task's own dir (safeTaskLogPath),
 * opened with O_NOFOLLOW | O_NONBLOCK and proven a plain file by fstat (a FIFO would hang the
 * read), then resolved once more and required to be the very file the handle holds, so a
 * directory swapped for a link between the check and the open is caught. A task.log that is not
 * there is FileNotFound (exit 1), naming its path.
 */
export async function openTaskLog(req: TaskLogRequest): Promise<OpenLog> {
  const shown = `${req.project}/tasks/${req.taskId}/task.log`;
  const path = await safeTaskLogPath(req);
  const log = await openRegular(path, { noFollow: true, notRegular: (_p, kind) => refused(shown, `is ${kind}, not a plain file`) });
  try {
    const again = await safeTaskLogPath(req);
    const now = await stat(again);
    if (again !== path || now.ino !== log.stats.ino || now.dev !== log.stats.dev) throw refused(shown, "changed while it was opened");
    return log;
  } catch (err) {
    await log.fh.close();
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw refused(shown, "changed while it was opened");
    throw err;
  }
}

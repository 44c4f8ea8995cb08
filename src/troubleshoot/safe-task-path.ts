import { lstat, realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { OysterError } from "../errors.ts";
import { requireProject } from "../config/require-project.ts";

/** dispatch's task ids: no separators, no `..`; anything else is refused before a path is built. */
export const TASK_ID_RE = /^[A-Za-z0-9._-]+$/;

export interface TaskLogRequest {
  dispatchDir: string;
  /** The project names in projects.json. */
  projects: readonly string[];
  project: string;
  taskId: string;
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
};

const escapes = (what: string) => new OysterError("InvalidArgument", `${what} leads outside its task's directory: refused, nothing read`, {});

/** The nearest ancestor that exists (for a task.log that does not), as named and as real. */
async function existingAncestor(path: string): Promise<{ named: string; real: string }> {
  for (let p = dirname(path); ; p = dirname(p)) {
    try {
      return { named: p, real: await realpath(p) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT" || dirname(p) === p) throw err;
    }
  }
}

/**
 * `<dispatch.dir>/<project>/tasks/<task-id>/task.log` as a real path (symlinks followed) that is
 * proven to lie inside that task's own directory, `<real dispatch.dir>/<project>/tasks/<id>/`:
 * a task.log linked to dispatch's `.env`, to another project's task or to anything outside is
 * refused, as is a task or project dir that is itself a link. The caller opens that real path
 * (open-task-log.ts), not the one it asked about. Every refusal is a usage error (exit 2); a
 * task.log that simply is not there is the reader's FileNotFound (exit 1).
 */
export async function safeTaskLogPath(req: TaskLogRequest): Promise<string> {
  requireProject(req.projects, req.project);
  if (!TASK_ID_RE.test(req.taskId) || req.taskId === "." || req.taskId === "..") {
    throw new OysterError("InvalidArgument", `task id "${req.taskId}": letters, digits, . _ - only (and not . or ..)`, { taskId: req.taskId });
  }
  const root = await realpath(req.dispatchDir);
  const taskDir = join(root, req.project, "tasks", req.taskId);
  const shown = `${req.project}/tasks/${req.taskId}/task.log`;
  const wanted = join(req.dispatchDir, req.project, "tasks", req.taskId, "task.log");
  try {
    const real = await realpath(wanted);
    if (!inside(taskDir, real)) throw escapes(shown);
    return real;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  // Not there. Still refuse a link that points away (dangling here, perhaps not elsewhere) and a
  // directory on the way that is a link, so "missing" never speaks about another place.
  const dangling = await lstat(wanted).then((s) => s.isSymbolicLink(), () => false);
  const on = await existingAncestor(wanted);
  if (dangling || on.real !== join(root, relative(req.dispatchDir, on.named))) throw escapes(shown);
  return wanted;
}

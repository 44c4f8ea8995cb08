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

const escapes = (what: string) => new OysterError("InvalidArgument", `${what} leads outside dispatch.dir: refused, nothing read`, {});

/** The real path of the nearest ancestor that exists (for a task.log that does not). */
async function realAncestor(path: string): Promise<string> {
  for (let p = dirname(path); ; p = dirname(p)) {
    try {
      return await realpath(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT" || dirname(p) === p) throw err;
    }
  }
}

/**
 * `<dispatch.dir>/<project>/tasks/<task-id>/task.log` as a real path (symlinks followed) that is
 * proven to lie inside the real dispatch.dir. The caller reads that real path, not the one it
 * asked about, so a link swapped in after the check cannot redirect the read. Every refusal is a
 * usage error (exit 2); a task.log that simply is not there is the reader's FileNotFound (exit 1).
 */
export async function safeTaskLogPath(req: TaskLogRequest): Promise<string> {
  requireProject(req.projects, req.project);
  if (!TASK_ID_RE.test(req.taskId) || req.taskId === "." || req.taskId === "..") {
    throw new OysterError("InvalidArgument", `task id "${req.taskId}": letters, digits, . _ - only (and not . or ..)`, { taskId: req.taskId });
  }
  const root = await realpath(req.dispatchDir);
  const wanted = join(req.dispatchDir, req.project, "tasks", req.taskId, "task.log");
  try {
    const real = await realpath(wanted);
    if (!inside(root, real)) throw escapes(`${req.project}/tasks/${req.taskId}/task.log`);
    return real;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  // Not there. Still refuse a link that points out (dangling here, perhaps not elsewhere) and a
  // directory on the way that leads out, so "missing" never speaks about a place outside.
  const dangling = await lstat(wanted).then((s) => s.isSymbolicLink(), () => false);
  if (dangling || !inside(root, await realAncestor(wanted))) throw escapes(`${req.project}/tasks/${req.taskId}/task.log`);
  return wanted;
}

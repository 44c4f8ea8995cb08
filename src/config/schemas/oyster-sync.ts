import { z } from "zod";
import { listOf, relativeFile, UNIT_NAME_RE } from "../fields.ts";
import { expected, show } from "../messages.ts";
import { objectFor, type SchemaOptions } from "../object-factory.ts";

export const SYNC_FILES = ["dispatch.py", "task-wrapper.sh", "task-watcher.py", "nodes.json", "projects.json"];

/** The placeholder a `sync.restart` unit may hold: the node's name, put in per node. */
export const NODE_PLACEHOLDER = "{node}";

/**
 * A unit named in `sync.restart`. Node names are letters, digits and `. _ -` starting with a
 * letter or digit, all of which a unit name may hold anywhere, so a name that is valid with one
 * such name in place of `{node}` is valid with every node's: it is checked once, here.
 */
function unitTemplate() {
  const what = "a systemd unit name ({node} allowed)";
  return z
    .string({ error: expected(what) })
    .refine((unit) => UNIT_NAME_RE.test(unit.replaceAll(NODE_PLACEHOLDER, "n")), { error: (issue) => `${show(issue.input)} is not ${what}: once {node} is filled in, it must match ${UNIT_NAME_RE.source}` });
}

/** oyster.json `sync`: what the sync job pushes, and which units to restart where a file was replaced. */
export function syncSection({ strict }: SchemaOptions) {
  const object = objectFor(strict);
  return object({
    files: listOf(relativeFile(), "a list of file names").default(() => [...SYNC_FILES]),
    // file -> units; a file's units restart on a node right after sync replaced it there.
    restart: z
      .record(z.string(), listOf(unitTemplate(), "a list of unit names"), { error: expected("a map of file name to a list of unit names") })
      .default({}),
  }).superRefine((sync, ctx) => {
    // A key that is not synced would never fire: a typo ("task_watcher.py") must not pass silently.
    for (const file of Object.keys(sync.restart)) {
      if (!sync.files.includes(file)) {
        ctx.addIssue({ code: "custom", path: ["restart", file], message: `${JSON.stringify(file)} is not one of sync.files (${sync.files.join(", ")}): it is never synced, so nothing would restart` });
      }
    }
  });
}

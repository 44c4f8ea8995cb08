import { z } from "zod";
import { bool, intAtLeast, listOf, positiveInt, relativeFile, text } from "../fields.ts";
import { expected } from "../messages.ts";
import { objectFor, type SchemaOptions } from "../object-factory.ts";

const SHARE = "a share greater than 0 and at most 1";
const PCT = "a percentage from 0 to 100";
const ASCENDING = (a: number, b: number) => b > a;
const DESCENDING = (a: number, b: number) => b < a;

/** Two percentages, warning then critical, in the order `ordered` wants. */
function levels(ordered: (warning: number, critical: number) => boolean, what: string) {
  const pct = z.number({ error: expected(PCT) }).min(0, { error: expected(PCT) }).max(100, { error: expected(PCT) });
  return z.tuple([pct, pct], { error: expected(what) }).refine(([w, c]) => ordered(w, c), { error: expected(what) });
}

/** oyster.json `guardian`: alerting cadence, storm grouping and what param_alignment compares. */
export function guardianSection({ strict }: SchemaOptions) {
  const object = objectFor(strict);
  const fact = object({
    name: text("a fact name"),
    command: text("a shell command"),
    // "same" means every node must agree; any other string is the exact value each must print.
    expect: text('"same" or the expected output'),
  });
  return object({
    alertAfter: positiveInt().default(2),
    reminderMinutes: positiveInt().default(60),
    // A failure this soon after its incident resolved reopens that incident (same alert, same
    // message, fix attempts carried over) instead of opening a new one; 0: never.
    flapMinutes: intAtLeast(0).default(30),
    stormShare: z.number({ error: expected(SHARE) }).gt(0, { error: expected(SHARE) }).max(1, { error: expected(SHARE) }).default(0.5),
    stormMinNodes: intAtLeast(1).default(3),
    // Node resources, read in the guardian's probe round trip: used % of disk and inodes warn at
    // the first level and are critical at the second; available memory % below the first warns.
    resources: object({
      disk: levels(ASCENDING, "[warning, critical] used %, the second above the first").default([85, 95]),
      inodes: levels(ASCENDING, "[warning, critical] used %, the second above the first").default([85, 95]),
      memory: levels(DESCENDING, "[warning, critical] available %, the second below the first").default([10, 5]),
    }).prefault({}),
    // The opt-in sixth check, stuck_tasks (checks.stuck_tasks in guardian_config.json).
    stuckTasks: object({
      maxRunMinutes: positiveInt().default(240),
      offlineMinutes: positiveInt().default(15),
      requeue: bool().default(false),
    }).prefault({}),
    params: object({
      files: listOf(relativeFile(), "a list of file names").default(["nodes.json", "projects.json"]),
      facts: listOf(fact, "a list of facts").default([]),
    }).prefault({}),
  }).prefault({});
}

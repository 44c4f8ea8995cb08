import { z } from "zod";
import { intAtLeast, listOf, positiveInt, relativeFile, text } from "../fields.ts";
import { expected } from "../messages.ts";
import { objectFor, type SchemaOptions } from "../object-factory.ts";

const SHARE = "a share greater than 0 and at most 1";

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
    stormShare: z.number({ error: expected(SHARE) }).gt(0, { error: expected(SHARE) }).max(1, { error: expected(SHARE) }).default(0.5),
    stormMinNodes: intAtLeast(1).default(3),
    params: object({
      files: listOf(relativeFile(), "a list of file names").default(["nodes.json", "projects.json"]),
      facts: listOf(fact, "a list of facts").default([]),
    }).prefault({}),
  }).prefault({});
}

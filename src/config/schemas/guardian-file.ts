import type { z } from "zod";
import { bool, intAtLeast } from "../fields.ts";
import { objectFor, type SchemaOptions } from "../object-factory.ts";

/** guardian_config.json, kept in the snake_case shape today's file already has. */
export function guardianFileSchema({ strict }: SchemaOptions) {
  const object = objectFor(strict);
  return object({
    interval_seconds: intAtLeast(5).default(300),
    max_fix_attempts: intAtLeast(0).default(2),
    backup_retention_days: intAtLeast(1).default(7),
    checks: object({
      db_schema: bool().default(true),
      wrapper_version: bool().default(true),
      ssh_connection: bool().default(true),
      node_availability: bool().default(true),
      param_alignment: bool().default(true),
      // Opt-in: a task it judges stuck may be requeued (guardian.stuckTasks in oyster.json).
      stuck_tasks: bool().default(false),
    }).prefault({}),
  });
}

export type GuardianFile = z.output<ReturnType<typeof guardianFileSchema>>;

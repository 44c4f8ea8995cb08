import { dbSchema } from "./db-schema.ts";
import { nodeAvailability } from "./node-availability.ts";
import { paramAlignment } from "./param-alignment.ts";
import { sshConnection } from "./ssh-connection.ts";
import { stuckTasks } from "./stuck-tasks/index.ts";
import type { Check } from "./types.ts";
import { wrapperVersion } from "./wrapper-version.ts";

export { CHECK_NAMES, REACHABILITY_CHECKS, type Check, type CheckName, type CheckContext, type Detection, type TaskCheckContext } from "./types.ts";

/**
 * The guardian's checks in the order they run: the database first (node states live in it),
 * then reachability (it decides which nodes the others may touch), then drift; stuck_tasks last
 * (run-guardian runs it after dispatch has been told this run's node states).
 */
export const CHECKS: readonly Check[] = [dbSchema, nodeAvailability, sshConnection, wrapperVersion, paramAlignment, stuckTasks];

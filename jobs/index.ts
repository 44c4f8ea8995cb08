import type { Job } from "../src/scheduler.ts";
import { backup } from "./backup/index.ts";
import { guardian } from "./guardian/index.ts";
import { report } from "./report/index.ts";
import { sync } from "./sync/index.ts";

/** Every scheduled job, in one explicit list (monitor comes with its issue). */
export const jobs: readonly Job[] = [guardian, backup, sync, report];

import type { Job } from "../src/scheduler.ts";
import { backup } from "./backup/index.ts";
import { guardian } from "./guardian/index.ts";
import { monitor } from "./monitor/index.ts";
import { report } from "./report/index.ts";
import { sync } from "./sync/index.ts";

/** Every scheduled job, in one explicit list. */
export const jobs: readonly Job[] = [guardian, monitor, backup, sync, report];

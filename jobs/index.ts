import type { Job } from "../src/scheduler.ts";

/**
 * Every scheduled job, in one explicit list. The guardian, monitor, backup, sync and report jobs
 * arrive with their own issues; the scheduler core runs whatever is listed here.
 */
export const jobs: readonly Job[] = [];

import type { Job } from "../src/scheduler.ts";
import { guardian } from "./guardian/index.ts";

/** Every scheduled job, in one explicit list (monitor, backup, sync and report come with their issues). */
export const jobs: readonly Job[] = [guardian];

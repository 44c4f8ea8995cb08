import type NodeCron from "node-cron";
import { lazyPackage } from "../startup/lazy-package.ts";

/** node-cron, loaded when a schedule is first read or started; the one loader of node-cron. */
export const nodeCron = lazyPackage<typeof NodeCron>("node-cron");

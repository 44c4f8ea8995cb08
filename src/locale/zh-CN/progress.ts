import type { progress as en } from "../en/progress.ts";

/** 简体中文: progress. Every key of the English section, in the runbook's own terms. */
export const progress: Record<keyof typeof en, string> = {};

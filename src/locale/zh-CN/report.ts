import type { report as en } from "../en/report.ts";

/** 简体中文: report. Every key of the English section, in the runbook's own terms. */
export const report: Record<keyof typeof en, string> = {};

import type { alerts as en } from "../en/alerts.ts";

/** 简体中文: alerts. Every key of the English section, in the runbook's own terms. */
export const alerts: Record<keyof typeof en, string> = {};

import type { status as en } from "../en/status.ts";

/** 简体中文: status. Every key of the English section, in the runbook's own terms. */
export const status: Record<keyof typeof en, string> = {};

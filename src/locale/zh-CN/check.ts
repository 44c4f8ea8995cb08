import type { check as en } from "../en/check.ts";

/** 简体中文: check. Every key of the English section, in the runbook's own terms. */
export const check: Record<keyof typeof en, string> = {};

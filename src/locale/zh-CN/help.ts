import type { help as en } from "../en/help.ts";

/** 简体中文: help. Every key of the English section, in the runbook's own terms. */
export const help: Record<keyof typeof en, string> = {};

import type { appHome as en } from "../en/app-home.ts";

/** 简体中文: app-home. Every key of the English section, in the runbook's own terms. */
export const appHome: Record<keyof typeof en, string> = {};

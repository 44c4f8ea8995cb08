import type { email as en } from "../en/email.ts";

/** 简体中文: email. Every key of the English section, in the runbook's own terms. */
export const email: Record<keyof typeof en, string> = {};

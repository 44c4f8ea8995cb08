import type { doctor as en } from "../en/doctor.ts";

/** 简体中文: doctor. Every key of the English section, in the runbook's own terms. */
export const doctor: Record<keyof typeof en, string> = {};

import type { MessageKey } from "../locale/translate.ts";
import type { MessageParams } from "../locale/types.ts";

/** Where a line of the checklist belongs; the text groups by it, in this order. */
export const DOCTOR_AREAS = ["config", "data", "dispatch", "nodes", "slack", "email", "providers", "oci", "limits"] as const;
export type DoctorArea = (typeof DOCTOR_AREAS)[number];

export type DoctorStatus = "ok" | "warn" | "fail";

/** A message of the doctor section with its values: what the text shows in the caller's language. */
export interface Said {
  key: MessageKey;
  params: MessageParams;
}

/**
 * One line of the checklist. `detail` and `fix` are English (what `--json` prints, the same in
 * every locale); `said` holds the same two as catalogue keys, for the text in the configured one.
 */
export interface DoctorLine {
  area: DoctorArea;
  /** What was checked: `nodes.json`, a node's name, `auth.test`, an account as `provider:label`. */
  name: string;
  status: DoctorStatus;
  detail: string;
  /** What to do, in a few words or a command to run; absent when the line is ok. */
  fix?: string;
  said: { detail: Said; fix?: Said };
}

export interface DoctorData {
  ok: boolean;
  checks: DoctorLine[];
}

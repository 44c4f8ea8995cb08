/** One step of bringing the new instance into the fleet (src/oci/join-fleet.ts), as reported. */
export interface GrabJoinStep {
  step: string;
  status: "ok" | "failed" | "skipped";
  detail: string;
}

/** What joining the fleet did, kept in the grab's outcome for Slack, email and `oci-grab status`. */
export interface GrabJoinReport {
  ok: boolean;
  steps: GrabJoinStep[];
  /** With `ssh.hostKeyPolicy: strict`: the line to check the new host key and add it. */
  keyscan?: string;
}

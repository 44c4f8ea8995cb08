import type { OciFailure, OciInstance, OciResult } from "./types.ts";

/**
 * What the grabber does after one LaunchInstance, per reference/oci.md's response table.
 * `rejected` is ours, for what the table does not list (another 4xx: a wrong image or subnet,
 * a 404 that is not the shape): retrying cannot fix it, so it stops and alerts like 401.
 */
export type AttemptAction =
  | "launched"
  | "no_capacity"
  | "transient"
  | "throttled"
  | "limit_exceeded"
  | "skip_ad"
  | "unauthenticated"
  | "rejected";

export interface AttemptVerdict {
  action: AttemptAction;
  /** One line for Slack, the CLI and the alert: what happened, in words. */
  explanation: string;
  /** Only after no answer at all: the same attempt may be re-sent with its opc-retry-token. */
  reuseRetryToken: boolean;
  /** The grab cannot go on without a person. */
  stops: boolean;
  instance?: OciInstance;
  /** OCI's answer as received, for the per-AD error column. */
  detail?: string;
}

export const LIMIT_EXCEEDED_EXPLANATION =
  "OCI says a service limit was exceeded (LimitExceeded). This usually means an Always Free A1 " +
  "instance already exists in the tenancy, or the OCPUs/memory asked for go beyond what is left of " +
  "the free allowance; OCI sometimes answers this with no instance present. Oyster lists the " +
  "instances again: it stops if one exists, otherwise it pauses long and alerts.";

function detailOf(f: OciFailure): string {
  if (f.kind !== "http") return f.message;
  return [`HTTP ${f.status}`, f.code, f.message].filter(Boolean).join(" ");
}

function verdict(action: AttemptAction, explanation: string, f: OciFailure, extra: Partial<AttemptVerdict> = {}): AttemptVerdict {
  const stops = action === "unauthenticated" || action === "rejected";
  return { action, explanation, reuseRetryToken: false, stops, detail: detailOf(f), ...extra };
}

const OUT_OF_CAPACITY = /out of (host )?capacity/i;
const SHAPE_NOT_FOUND = /shape\b.*\bnot found/i;

/** Pure: one launch outcome in, one action out. */
export function classifyAttempt(outcome: OciResult<OciInstance>): AttemptVerdict {
  if (outcome.ok) {
    return {
      action: "launched",
      explanation: `launched ${outcome.value.id}`,
      reuseRetryToken: false,
      stops: true,
      instance: outcome.value,
    };
  }
  const f = outcome.error;
  if (f.kind === "network" || f.kind === "timeout") {
    return verdict("transient", `no answer from OCI (${f.message}); trying again`, f, { reuseRetryToken: true });
  }
  // A 2xx we cannot read may be a launch that happened: re-send with the same token, which OCI
  // answers with that same instance instead of a second one.
  if (f.kind === "malformed") {
    return verdict("transient", `OCI's answer was not understood (${f.message}); asking again`, f, { reuseRetryToken: true });
  }

  const message = f.message ?? "";
  // Oracle sends this as InternalError, not the documented InternalServerError: trust status and text.
  if (f.status === 500 && OUT_OF_CAPACITY.test(message)) {
    return verdict("no_capacity", "out of host capacity in this availability domain; trying the next one", f);
  }
  if (f.status >= 500) return verdict("transient", `OCI error (${detailOf(f)}); trying again`, f);
  if (f.status === 429) {
    return verdict("throttled", "OCI is throttling this account (429 TooManyRequests); pausing before the next try", f);
  }
  if (f.status === 400 && f.code === "LimitExceeded") return verdict("limit_exceeded", LIMIT_EXCEEDED_EXPLANATION, f);
  if (f.status === 404 && SHAPE_NOT_FOUND.test(message)) {
    return verdict("skip_ad", "this availability domain does not offer the shape; leaving it out", f);
  }
  if (f.status === 401) {
    return verdict(
      "unauthenticated",
      "OCI refused the request signature (401): check the key, fingerprint, user and tenancy in the OCI " +
        "config profile, and this machine's clock (more than 5 minutes off is refused)",
      f,
    );
  }
  return verdict("rejected", `OCI rejected the launch (${detailOf(f)}); retrying will not change that`, f);
}

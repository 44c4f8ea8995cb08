import { z } from "zod";

export type GrabArgs =
  | { action: "start"; ocpus?: number; memoryGb?: number; ad?: string }
  | { action: "status" }
  | { action: "stop" };

export const GRAB_USAGE = "oci-grab start [--ocpus N] [--memory GB] [--ad AD] | status | stop [--yes] [--json]";

const positiveNumber = (what: string) =>
  z.string().regex(/^\d+(\.\d+)?$/, { message: `${what}: a positive number` }).transform(Number).refine((n) => n > 0, { message: `${what}: a positive number` });

// An availability domain as OCI names them (`Uocm:EU-FRANKFURT-1-AD-1`): it goes into a JSON body,
// never a shell, but a typo should still be caught here rather than by OCI a minute later.
const AD_RE = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/;

export const grabSchema = z
  .object({
    _: z.array(z.string()).length(1, { message: "give one of start, status, stop" }),
    ocpus: positiveNumber("--ocpus").optional(),
    memory: positiveNumber("--memory").optional(),
    ad: z.string().regex(AD_RE, { message: "--ad: an availability domain name like Uocm:EU-FRANKFURT-1-AD-1" }).optional(),
  })
  .superRefine((a, ctx) => {
    const sub = a._[0];
    if (sub !== "start" && sub !== "status" && sub !== "stop") ctx.addIssue({ code: "custom", path: ["_", 0], message: "not a subcommand; one of start, status, stop" });
    for (const flag of ["ocpus", "memory", "ad"] as const) {
      if (sub !== "start" && a[flag] !== undefined) ctx.addIssue({ code: "custom", path: [flag], message: "goes with `oci-grab start`" });
    }
  })
  .transform((a): GrabArgs => {
    if (a._[0] === "start") return { action: "start", ...(a.ocpus !== undefined ? { ocpus: a.ocpus } : {}), ...(a.memory !== undefined ? { memoryGb: a.memory } : {}), ...(a.ad ? { ad: a.ad } : {}) };
    return { action: a._[0] as "status" | "stop" };
  });

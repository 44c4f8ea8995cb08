import type { Config } from "../config/index.ts";
import { ConfigError, toOysterError } from "../errors.ts";
import { readOciConfig } from "../oci/config-file.ts";
import { grabReadiness } from "../oci/grab/settings.ts";
import { line, firstLine, say } from "./line.ts";
import type { DoctorLine } from "./types.ts";

/** The keys only a grab needs: none set means the OCI grab is not in use. */
const GRAB_KEYS = ["compartmentId", "imageId", "subnetId", "sshPublicKeyFile"] as const;

/**
 * The OCI profile: the config file parses, has the profile, and its key file reads and parses
 * (no API call: signing needs only these). When a grab is set up in `oci`, also whether one could
 * start now (the same readiness `oci-grab start` checks). No OCI file and no grab keys: not used.
 */
export async function ociChecks(config: Config, env: NodeJS.ProcessEnv): Promise<DoctorLine[]> {
  const oci = config.oyster.oci;
  const inUse = GRAB_KEYS.some((k) => oci[k] !== undefined);
  const home = env.HOME;
  const name = `${oci.configFile} [${oci.profile}]`;
  let profileLine: DoctorLine;
  try {
    const p = await readOciConfig({ file: oci.configFile, profile: oci.profile, ...(home ? { home } : {}) });
    profileLine = line("oci", name, "ok", say("doctor.oci.ok", { keyFile: p.keyFile, region: oci.region ?? p.region ?? "-" }));
  } catch (err) {
    const e = toOysterError(err);
    if (!inUse && e.code === "NotConfigured" && e.details.profile === undefined) return [line("oci", "oci", "ok", say("doctor.oci.unused"))];
    const why = err instanceof ConfigError ? err.problems.join("; ") : firstLine(e.message, 300);
    return [line("oci", name, "fail", say("doctor.oci.broken", { error: why }), say("doctor.oci.brokenFix"))];
  }
  if (!inUse) return [profileLine];
  const ready = await grabReadiness(oci, {}, home ? { home } : {});
  if (ready.ready) return [profileLine, line("oci", "oci-grab", "ok", say("doctor.oci.grabReady"))];
  const parts = [...(ready.missing.length > 0 ? [`missing ${ready.missing.join(", ")}`] : []), ...ready.problems].join("; ");
  return [profileLine, line("oci", "oci-grab", "warn", say("doctor.oci.grabNotReady", { problems: parts }), say("doctor.oci.grabFix"))];
}

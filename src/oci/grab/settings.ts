import { readFile as fsReadFile } from "node:fs/promises";
import type { OysterFile } from "../../config/index.ts";
import { ConfigError, OysterError, toOysterError } from "../../errors.ts";
import { readOciConfig, type OciProfile } from "../config-file.ts";
import { LAUNCH_DEFAULTS } from "../launch-details.ts";

type OciSection = OysterFile["oci"];

/** Everything one grab needs, resolved from `oci` (+ the command's overrides) and the OCI profile. */
export interface GrabSettings {
  profile: OciProfile;
  region: string;
  compartmentId: string;
  imageId: string;
  subnetId: string;
  sshPublicKeyFile: string;
  /** The key file's content, as LaunchInstance's metadata wants it. */
  sshPublicKey: string;
  ocpus: number;
  memoryGb: number;
  shape: string;
  displayName: string;
  bootVolumeSizeGb: number;
  assignPublicIp: boolean;
  /** Configured ADs; absent: discovered through the Identity API. */
  availabilityDomains?: string[];
  intervalSeconds: number;
  maxInstances: number;
  endpoints: { core?: string; identity?: string };
  joinFleet: boolean;
  nodeUser?: string;
}

export interface GrabOverrides {
  ocpus?: number;
  memoryGb?: number;
}

/** Not ready: the keys to set (as `oci.<key>`) and what else is wrong, each named. */
export type GrabReadiness = { ready: true; settings: GrabSettings } | { ready: false; missing: string[]; problems: string[] };

const REQUIRED = ["compartmentId", "imageId", "subnetId", "sshPublicKeyFile", "ocpus", "memoryGb"] as const;

/**
 * Whether a grab could start now, and with what. Reads the OCI profile (and its key) and the SSH
 * public key file, so a wrong path or passphrase is named before anything is launched.
 */
export async function grabReadiness(
  oci: OciSection,
  overrides: GrabOverrides = {},
  deps: { readFile?: (path: string) => Promise<string>; home?: string } = {},
): Promise<GrabReadiness> {
  const readFile = deps.readFile ?? ((path: string) => fsReadFile(path, "utf8"));
  const values = { ...oci, ocpus: overrides.ocpus ?? oci.ocpus, memoryGb: overrides.memoryGb ?? oci.memoryGb };
  const missing: string[] = REQUIRED.filter((key) => values[key] === undefined).map((key) => `oci.${key}`);
  const problems: string[] = [];

  let profile: OciProfile | undefined;
  try {
    profile = await readOciConfig({ file: oci.configFile, profile: oci.profile, readFile, ...(deps.home ? { home: deps.home } : {}) });
  } catch (err) {
    problems.push(err instanceof ConfigError ? err.problems.join("; ") : toOysterError(err).message);
  }
  const region = oci.region ?? profile?.region;
  if (profile && !region) missing.push(`oci.region (or region= in ${profile.file} [${profile.profile}])`);

  let sshPublicKey: string | undefined;
  if (oci.sshPublicKeyFile) {
    try {
      sshPublicKey = (await readFile(oci.sshPublicKeyFile)).trim();
      if (!/^(ssh-|ecdsa-)/.test(sshPublicKey)) problems.push(`oci.sshPublicKeyFile ${oci.sshPublicKeyFile}: not an SSH public key (expected a line like "ssh-ed25519 AAAA...")`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push(`oci.sshPublicKeyFile ${oci.sshPublicKeyFile}: ${code === "ENOENT" ? "not found" : `cannot be read (${code ?? "error"})`}`);
    }
  }

  if (missing.length > 0 || problems.length > 0 || !profile || !region || sshPublicKey === undefined) return { ready: false, missing, problems };
  return {
    ready: true,
    settings: {
      profile,
      region,
      compartmentId: oci.compartmentId!,
      imageId: oci.imageId!,
      subnetId: oci.subnetId!,
      sshPublicKeyFile: oci.sshPublicKeyFile!,
      sshPublicKey,
      ocpus: values.ocpus!,
      memoryGb: values.memoryGb!,
      shape: oci.shape,
      displayName: oci.displayName ?? LAUNCH_DEFAULTS.displayName,
      bootVolumeSizeGb: oci.bootVolumeSizeGb,
      assignPublicIp: oci.assignPublicIp,
      ...(oci.availabilityDomains ? { availabilityDomains: oci.availabilityDomains } : {}),
      intervalSeconds: oci.intervalSeconds,
      maxInstances: oci.maxInstances,
      endpoints: oci.endpoints,
      joinFleet: oci.onSuccess.joinFleet,
      ...(oci.nodeUser ? { nodeUser: oci.nodeUser } : {}),
    },
  };
}

/** The one message for a grab that cannot start: every missing key and problem, named. */
export function notReadyError(r: Extract<GrabReadiness, { ready: false }>): OysterError {
  const parts = [...(r.missing.length > 0 ? [`missing ${r.missing.join(", ")}`] : []), ...r.problems];
  return new OysterError("NotConfigured", `OCI grab is not configured: ${parts.join("; ")} (see README "OCI grab")`, { missing: r.missing, problems: r.problems });
}

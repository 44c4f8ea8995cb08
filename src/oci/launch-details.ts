/** LaunchInstance's body, as Oracle's Core API (20160918) documents it. */
export interface LaunchInstanceDetails {
  compartmentId: string;
  availabilityDomain: string;
  shape: string;
  shapeConfig: { ocpus: number; memoryInGBs: number };
  displayName: string;
  sourceDetails: { sourceType: "image"; imageId: string; bootVolumeSizeInGBs: number };
  createVnicDetails: { subnetId: string; assignPublicIp: boolean };
  metadata: { ssh_authorized_keys: string };
}

/** The `oci` config values a launch needs, plus the public key file's content. */
export interface LaunchValues {
  compartmentId: string;
  availabilityDomain: string;
  imageId: string;
  subnetId: string;
  /** The content of `sshPublicKeyFile`, not its path. */
  sshPublicKey: string;
  // No defaults here: the free allowance is hours, not a fixed size (see reference/oci.md).
  ocpus: number;
  memoryGb: number;
  shape?: string;
  displayName?: string;
  bootVolumeSizeGb?: number;
  assignPublicIp?: boolean;
}

export const LAUNCH_DEFAULTS = {
  shape: "VM.Standard.A1.Flex",
  displayName: "oyster-arm-1",
  bootVolumeSizeGb: 50,
  assignPublicIp: true,
} as const;

/**
 * Builds the body from plain values, defaults as the contract gives them. Surrounding blank
 * lines of the key file are dropped; several keys (one a line) stay as OCI expects them.
 */
export function buildLaunchDetails(v: LaunchValues): LaunchInstanceDetails {
  return {
    compartmentId: v.compartmentId,
    availabilityDomain: v.availabilityDomain,
    shape: v.shape ?? LAUNCH_DEFAULTS.shape,
    shapeConfig: { ocpus: v.ocpus, memoryInGBs: v.memoryGb },
    displayName: v.displayName ?? LAUNCH_DEFAULTS.displayName,
    sourceDetails: {
      sourceType: "image",
      imageId: v.imageId,
      bootVolumeSizeInGBs: v.bootVolumeSizeGb ?? LAUNCH_DEFAULTS.bootVolumeSizeGb,
    },
    createVnicDetails: { subnetId: v.subnetId, assignPublicIp: v.assignPublicIp ?? LAUNCH_DEFAULTS.assignPublicIp },
    metadata: { ssh_authorized_keys: v.sshPublicKey.trim() },
  };
}

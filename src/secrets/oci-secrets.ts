import { readFileSync } from "node:fs";
import type { Config } from "../config/index.ts";
import { parseIni } from "../oci/parse-ini.ts";

/**
 * The OCI grabber reads its key's passphrase from the OCI config file (`pass_phrase=`), as the
 * OCI CLI and SDKs do; no environment variable holds it, so there is no name to return here.
 */
export function ociSecretEnvNames(_config: Config): string[] {
  return [];
}

/**
 * The profile's `pass_phrase` (or [DEFAULT]'s, which the profile inherits), so every scrubber
 * (command output, audit, Slack, email, logs) hides it. Read only when a grab is configured
 * (`oci.compartmentId` set): other commands never open the file. A missing or unreadable file
 * has no secret to give; the grab itself reports it.
 */
export function ociSecretValues(config: Config): string[] {
  const oci = config.oyster.oci;
  if (!oci.compartmentId) return [];
  let text: string;
  try {
    text = readFileSync(oci.configFile, "utf8");
  } catch {
    return [];
  }
  const parsed = parseIni(text);
  if (!parsed.ok) return [];
  const value = parsed.profiles.get(oci.profile)?.get("pass_phrase") ?? parsed.profiles.get("DEFAULT")?.get("pass_phrase");
  return value ? [value] : [];
}

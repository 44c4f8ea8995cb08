import type { Config } from "../config/index.ts";

/**
 * The hook for the OCI grabber's secrets (not built yet). When it lands with a key passphrase,
 * return here the variable that holds it (say `oci.passphraseEnv`), and, if the passphrase is
 * read from `oci.configFile` (`pass_phrase=`) rather than the environment, return the value from
 * `ociSecretValues`: both then reach every scrubber (command output, audit, Slack, email, logs)
 * and the environment restart dispatch strips, with no other change.
 */
export function ociSecretEnvNames(_config: Config): string[] {
  return [];
}

/** Secret values that come from OCI's own files rather than the environment; none yet. */
export function ociSecretValues(_config: Config): string[] {
  return [];
}

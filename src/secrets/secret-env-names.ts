import type { Config } from "../config/index.ts";
import { ociSecretEnvNames } from "./oci-secrets.ts";

/** Oyster's own credentials, by the contract's variable names. */
export const OYSTER_SECRET_ENV = ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SMTP_URL"] as const;

/** The provider key variables oyster.json names (`keyEnv`, `adminKeyEnv` of every account). */
export function providerKeyEnvNames(config: Config): string[] {
  return Object.values(config.oyster.monitor.providers ?? {})
    .flatMap((accounts) => accounts ?? [])
    .flatMap((a) => [a.keyEnv, a.adminKeyEnv].filter((n): n is string => Boolean(n)));
}

/** Every environment variable whose value Oyster treats as a secret, without duplicates. */
export function secretEnvNames(config?: Config): string[] {
  const names = [...OYSTER_SECRET_ENV, ...(config ? [...providerKeyEnvNames(config), ...ociSecretEnvNames(config)] : [])];
  return [...new Set(names)];
}

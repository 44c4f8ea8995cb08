export { collectSecrets, type Secrets } from "./collect-secrets.ts";
export { OYSTER_SECRET_ENV, providerKeyEnvNames, secretEnvNames } from "./secret-env-names.ts";
export { MIN_SECRET_LENGTH, REDACTED, scrub, scrubDeep } from "./scrub.ts";
export { scrubError } from "./scrub-error.ts";
export { secretsFor } from "./secrets-for.ts";

import type { Config } from "../config/index.ts";
import { configuredUrls } from "./configured-urls.ts";
import { ociSecretValues } from "./oci-secrets.ts";
import { MIN_SECRET_LENGTH } from "./scrub.ts";
import { secretEnvNames } from "./secret-env-names.ts";
import { urlSecretParts } from "./url-secret-parts.ts";

export interface Secrets {
  /** Values to scrub, longest first (a token inside a longer URL goes with the URL). */
  values: string[];
  /** Variables whose value (or SMTP password) is set but too short to scrub: names only. */
  tooShort: string[];
}

/** The SMTP password as written in the URL and as decoded; both can show up in output. */
function smtpPasswords(url: string): string[] {
  try {
    const raw = new URL(url).password;
    return raw ? [...new Set([raw, decodeURIComponent(raw)])] : [];
  } catch {
    // An unparsable SMTP_URL is reported by the email sender; the whole value is scrubbed anyway.
    return [];
  }
}

/**
 * Every secret this process knows of, from the environment and the config that names them
 * (`extraNames`: more variables, for callers that have names but no config), and the secret parts
 * of every configured URL.
 */
export function collectSecrets(env: NodeJS.ProcessEnv, config?: Config, extraNames: readonly string[] = []): Secrets {
  const values: string[] = [];
  const tooShort: string[] = [];
  const add = (name: string, value: string) => {
    if (value.length >= MIN_SECRET_LENGTH) values.push(value);
    else if (!tooShort.includes(name)) tooShort.push(name);
  };
  for (const name of new Set([...secretEnvNames(config), ...extraNames])) {
    const value = env[name];
    if (!value) continue;
    add(name, value);
    if (name === "SMTP_URL") for (const pass of smtpPasswords(value)) add("SMTP_URL (its password)", pass);
  }
  if (config) for (const value of ociSecretValues(config)) add("oci", value);
  // A ping URL's token, a query's api key, userinfo: what a fetch error would quote (url-secret-parts.ts).
  for (const { key, url } of configuredUrls(env, config)) for (const { part, value } of urlSecretParts(url)) add(`${key} (its ${part})`, value);
  return { values: [...new Set(values)].sort((a, b) => b.length - a.length), tooShort };
}

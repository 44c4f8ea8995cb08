import { createPrivateKey, type KeyObject } from "node:crypto";
import { ConfigError } from "../errors.ts";

/**
 * Parses the API signing key once, so a wrong pass_phrase shows at start-up, not on the first
 * request. Messages name the file only: never the key, the passphrase or crypto's own text.
 */
export function loadPrivateKey(pem: string, keyFile: string, passphrase?: string): KeyObject {
  const encrypted = /ENCRYPTED/.test(pem);
  if (encrypted && !passphrase) {
    throw new ConfigError([`${keyFile}: the key is encrypted and the profile has no pass_phrase`]);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem", passphrase });
  } catch {
    const why = encrypted ? "cannot decrypt the key with the profile's pass_phrase" : "not a PEM private key";
    throw new ConfigError([`${keyFile}: ${why}`]);
  }
  // Oracle signs with rsa-sha256 only.
  if (key.asymmetricKeyType !== "rsa") {
    throw new ConfigError([`${keyFile}: an ${key.asymmetricKeyType ?? "unknown"} key; OCI API keys are RSA`]);
  }
  return key;
}

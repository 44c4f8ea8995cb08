import { createHash } from "node:crypto";

/** A host key's fingerprint as `ssh-keygen -lf` and OpenSSH's prompts print it: `SHA256:<base64, no padding>`. */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "")}`;
}

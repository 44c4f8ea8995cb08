import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** sha256 of a local file (the files compared here are small: scripts and JSON). */
export function sha256File(path: string): string {
  return sha256(readFileSync(path));
}

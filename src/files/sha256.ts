import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** sha256 of a local file (the files compared here are small: scripts and JSON). */
export function sha256File(path: string): string {
  return sha256(readFileSync(path));
}

/** sha256 of a file read in 1 MiB chunks: snapshots run to gigabytes, too big for one buffer. */
export async function sha256FileChunked(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import type ssh2 from "ssh2";
import { relativeNameProblem } from "../config/relative-name.ts";
import { withDeadline } from "../async/with-deadline.ts";
import { OysterError } from "../errors.ts";
import { diskFullError, isBareSftpFailure } from "./disk-full.ts";
import type { SshPool } from "./pool.ts";
import { remoteJoin, remoteSftpPath, remoteShellPath, shellQuote } from "./quote.ts";

function sftpOf(client: ssh2.Client, node: string): Promise<ssh2.SFTPWrapper> {
  return new Promise((resolve, reject) => {
    client.sftp((err, sftp) => (err ? reject(new OysterError("SshError", `${node}: cannot open SFTP: ${err.message}`, { node }, { cause: err })) : resolve(sftp)));
  });
}

function step<T = void>(node: string, what: string, fn: (cb: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    fn((err, value) => (err ? reject(new OysterError("CommandFailed", `${node}: ${what}: ${err.message}`, { node }, { cause: err })) : resolve(value as T)));
  });
}

export interface UploadResult {
  bytes: number;
  mode: number;
}

/**
 * Uploads a local file into a remote dir under a temp name, sets the local file's mode, then
 * renames it over the target in one step (posix-rename), so a reader never sees half a file.
 * `name` is a plain name or a relative path under `remoteDir` (no `.`, `..` or empty segments).
 */
export async function uploadFile(pool: SshPool, node: string, localPath: string, remoteDir: string, name: string): Promise<UploadResult> {
  const problem = relativeNameProblem(name);
  if (problem !== undefined) throw new OysterError("InvalidArgument", `${node}: refusing to upload: ${problem}`, { node, name });
  const stat = statSync(localPath);
  const mode = stat.mode & 0o777;
  const dir = remoteSftpPath(remoteDir);
  const finalPath = remoteJoin(dir, name);
  // The temp file sits next to the target (same dir, so the rename is atomic and stays inside).
  const slash = name.lastIndexOf("/");
  const tmpName = `${name.slice(0, slash + 1)}.${name.slice(slash + 1)}.oyster-${randomBytes(4).toString("hex")}.tmp`;
  const tmpPath = remoteJoin(dir, tmpName);
  const sftp = await sftpOf(await pool.client(node), node);
  try {
    await step(node, `upload ${name}`, (cb) => sftp.fastPut(localPath, tmpPath, { mode }, (err) => cb(err)));
    await step(node, `chmod ${name}`, (cb) => sftp.chmod(tmpPath, mode, (err) => cb(err)));
    await step(node, `rename ${name}`, (cb) => sftp.ext_openssh_rename(tmpPath, finalPath, (err) => cb(err)));
    return { bytes: stat.size, mode };
  } catch (err) {
    await new Promise<void>((r) => sftp.unlink(tmpPath, () => r()));
    // Asked after the temp file is gone, so the room it took does not count as taken.
    throw (isBareSftpFailure(err) && (await diskFullError(pool, node, remoteDir, `upload ${name}`, stat.size, err))) || err;
  } finally {
    sftp.end();
  }
}

/**
 * uploadFile within `timeoutMs` (ssh.commandTimeoutMs): an upload the node froze under fails as a
 * timeout after that long, instead of waiting for keepalives to give up on the connection, and
 * the node counts as not answering from then on (SshPool.timedOut).
 */
export async function uploadFileWithin(pool: SshPool, node: string, localPath: string, remoteDir: string, name: string, timeoutMs: number): Promise<UploadResult> {
  let late: OysterError | undefined;
  try {
    return await withDeadline(uploadFile(pool, node, localPath, remoteDir, name), timeoutMs, () => {
      late = new OysterError("SshTimeout", `${node}: upload of ${name} did not finish within ${timeoutMs} ms`, { node, phase: "upload", timeoutMs });
      return late;
    });
  } catch (err) {
    if (late && err === late) throw await pool.timedOut(node, late, timeoutMs);
    throw err;
  }
}

/**
 * sha256 of several files in one dir in one round trip. Files that are missing or unreadable are
 * absent from the map. Uses `sha256sum`, or `shasum -a 256` where that is all there is (macOS).
 */
export async function remoteSha256(pool: SshPool, node: string, remoteDir: string, names: readonly string[]): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  if (names.length === 0) return hashes;
  const files = names.map((n) => shellQuote(n)).join(" ");
  const command =
    `cd ${remoteShellPath(remoteDir)} 2>/dev/null || exit 0; ` +
    `if command -v sha256sum >/dev/null 2>&1; then sha256sum -- ${files}; else shasum -a 256 -- ${files}; fi 2>/dev/null; exit 0`;
  const result = await pool.exec(node, command);
  for (const line of result.stdout.split("\n")) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (m && names.includes(m[2] as string)) hashes.set(m[2] as string, m[1] as string);
  }
  return hashes;
}

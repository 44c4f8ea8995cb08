import { OysterError } from "../errors.ts";
import { parseDfTable } from "../resources/parse-df.ts";
import { sizePair } from "../resources/format.ts";
import type { SshPool } from "./pool.ts";
import { remoteShellPath } from "./quote.ts";

/** SFTP's generic status (SSH_FX_FAILURE): what OpenSSH's sftp-server answers for ENOSPC, among much else. */
const SFTP_FAILURE = 4;

const INODES_MARK = "@@oyster-inodes@@";

/** An error an SFTP write ended with that says no more than "Failure". */
export function isBareSftpFailure(err: unknown): boolean {
  const cause = err instanceof OysterError ? err.cause : err;
  return (cause as { code?: unknown } | undefined)?.code === SFTP_FAILURE;
}

interface Room {
  mount: string;
  availableBytes: number;
  sizeBytes: number;
  freeInodes: number | null;
}

/** `df -Pk dir`, the mark, `df -Pi dir`: the room left on the filesystem holding dir. */
export function parseRoom(text: string): Room | undefined {
  const [blocksText = "", inodesText = ""] = text.split(INODES_MARK);
  const blocks = parseDfTable(blocksText);
  const at = blocks?.columns.findIndex((c) => /^(\d+)-blocks$/i.test(c)) ?? -1;
  const row = blocks?.rows[0];
  if (!blocks || at < 0 || !row) return undefined;
  const unit = Number(/^(\d+)-blocks$/i.exec(blocks.columns[at] as string)?.[1] ?? 1024);
  const [size, , available] = row.cells.slice(at, at + 3);
  if (typeof size !== "number" || typeof available !== "number") return undefined;
  const inodes = parseDfTable(inodesText);
  const iat = inodes?.columns.findIndex((c) => /^ifree$/i.test(c)) ?? -1;
  const ifree = iat >= 0 ? inodes?.rows[0]?.cells[iat] : undefined;
  return { mount: row.mount, availableBytes: available * unit, sizeBytes: size * unit, freeInodes: typeof ifree === "number" ? ifree : null };
}

/**
 * OpenSSH's sftp-server reports a write that ran out of disk as a bare "Failure". When an upload
 * of `needBytes` into `remoteDir` failed so, this asks the node (one df round trip) whether the
 * filesystem is full, and if so says that instead: "no space left on the node's disk: 8 KiB of
 * 256 KiB free on /srv, the file needs 64.1 KiB". Undefined when it is not (or cannot tell).
 */
export async function diskFullError(pool: Pick<SshPool, "exec">, node: string, remoteDir: string, label: string, needBytes: number, cause: unknown): Promise<OysterError | undefined> {
  const dir = remoteShellPath(remoteDir);
  let room: Room | undefined;
  try {
    const r = await pool.exec(node, `df -Pk ${dir} 2>/dev/null; echo ${INODES_MARK}; df -Pi ${dir} 2>/dev/null; exit 0`);
    room = parseRoom(r.stdout);
  } catch {
    return undefined;
  }
  if (!room) return undefined;
  const details = { node, mount: room.mount, availableBytes: room.availableBytes, needBytes };
  if (room.freeInodes === 0) {
    return new OysterError("DiskFull", `${node}: ${label}: no free inodes left on the node's filesystem ${room.mount}: free some files there and try again`, details, { cause });
  }
  if (room.availableBytes >= needBytes) return undefined;
  const free = sizePair(room.availableBytes, room.sizeBytes);
  // sizePair of a size with itself is "64.1 of 64.1 KiB": the part after "of" is the size alone.
  const need = sizePair(needBytes, needBytes).split(" of ")[1];
  return new OysterError("DiskFull", `${node}: ${label}: no space left on the node's disk: ${free} free on ${room.mount}, the file needs ${need}; free some space there and try again`, details, { cause });
}

import { readFileSync } from "node:fs";

// Where the umask is 002 (Debian and Ubuntu give every user a group of their own, and
// pam_umask makes new files group-writable), a fresh clone's config/ is 0775. Its group holds
// that one user and nobody else, so group write is no wider than the owner's: OpenSSH's
// StrictModes accepts exactly this on Debian (its user-group-modes patch), and so does Oyster.
// Whatever cannot be proven from /etc/passwd and /etc/group (a directory service, a missing
// group, a group with other members) counts as shared.

interface Files {
  passwd: string;
  group: string;
}

function readFiles(): Files | null {
  try {
    return { passwd: readFileSync("/etc/passwd", "utf8"), group: readFileSync("/etc/group", "utf8") };
  } catch {
    return null;
  }
}

const records = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#") && !l.startsWith("+") && !l.startsWith("-"))
    .map((l) => l.split(":"));

/**
 * True when group `gid` has exactly one member, the user `uid`: it is that user's primary group
 * and no other account's, and it lists no other supplementary member.
 */
export function groupIsOnlyUser(gid: number, uid: number, files: Files | null = readFiles()): boolean {
  if (files === null) return false;
  const group = records(files.group).find((f) => Number(f[2]) === gid && f[2] !== "");
  if (!group) return false;
  const users = records(files.passwd);
  const owner = users.find((f) => Number(f[2]) === uid && f[2] !== "");
  if (!owner) return false;
  const primaryOf = users.filter((f) => f[3] !== "" && Number(f[3]) === gid);
  if (primaryOf.some((f) => Number(f[2]) !== uid)) return false;
  const listed = (group[3] ?? "").split(",").map((m) => m.trim()).filter(Boolean);
  if (listed.some((m) => m !== owner[0])) return false;
  return primaryOf.length > 0 || listed.length > 0;
}

/** `uid 65534 (nobody)`, or just `uid N` when /etc/passwd does not name it. */
export function describeUid(uid: number, files: Files | null = readFiles()): string {
  const name = files === null ? undefined : records(files.passwd).find((f) => f[2] !== "" && Number(f[2]) === uid)?.[0];
  return name ? `uid ${uid} (${name})` : `uid ${uid}`;
}

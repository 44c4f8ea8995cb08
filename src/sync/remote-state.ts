import { remoteShellPath, shellQuote, type SshPool } from "../ssh/index.ts";
import type { RemoteFile, RemoteState } from "./types.ts";

// Section markers in the output: file names come from config and cannot start with "@".
const NO_DIR = "@oyster-no-dir";
const HASHES = "@oyster-sha256";
const MODES = "@oyster-mode";

/**
 * One shell line that reports, for several files in one dir, their sha256 and permission bits:
 * one round trip per node however many files. Mode is read too (unlike `remoteSha256`) so that a
 * wrapper that lost its execute bit counts as drift. `-L` follows symlinks as sha256sum does.
 * GNU stat (`-c`) or BSD stat (`-f`, macOS), and sha256sum or `shasum -a 256`, whichever exists.
 */
export function remoteStateCommand(remoteDir: string, names: readonly string[], opts: { sweepStaleTemps?: boolean } = {}): string {
  const files = names.map((n) => shellQuote(n)).join(" ");
  return [
    `cd ${remoteShellPath(remoteDir)} 2>/dev/null || { echo ${NO_DIR}; exit 0; }`,
    ...(opts.sweepStaleTemps ? names.map(staleTempSweep) : []),
    `echo ${HASHES}`,
    `{ if command -v sha256sum >/dev/null 2>&1; then sha256sum -- ${files}; else shasum -a 256 -- ${files}; fi; } 2>/dev/null`,
    `echo ${MODES}`,
    `{ if stat -L -c %a . >/dev/null 2>&1; then stat -L -c '%a %n' -- ${files}; else stat -L -f '%Lp %N' -- ${files}; fi; } 2>/dev/null`,
    "exit 0",
  ].join("; ");
}

/**
 * An upload writes `.<name>.oyster-<random>.tmp` beside its target and renames it into place; an
 * upload whose controller was killed mid-way (SIGKILL, a laptop lid, a dropped link) leaves that
 * partial file behind, as big as the file, and no later upload reuses its random name. Any such
 * temp untouched for STALE_TEMP_MINUTES is dead: a live upload keeps writing to it, and gives up
 * after ssh.commandTimeoutMs anyway. Only names Oyster's own uploads give (relativeNameProblem
 * allows no glob characters in `name`).
 */
export const STALE_TEMP_MINUTES = 10;

function staleTempSweep(name: string): string {
  const slash = name.lastIndexOf("/");
  const dir = slash < 0 ? "." : name.slice(0, slash);
  const pattern = `.${name.slice(slash + 1)}.oyster-*.tmp`;
  return `find ${shellQuote(dir)} -maxdepth 1 -type f -name ${shellQuote(pattern)} -mmin +${STALE_TEMP_MINUTES} -exec rm -f -- {} + 2>/dev/null`;
}

/** Reads what `remoteStateCommand` printed; lines about other names, or garbled, are ignored. */
export function parseRemoteState(stdout: string, names: readonly string[]): RemoteState {
  const files = new Map<string, RemoteFile>();
  const wanted = new Set(names);
  const entry = (name: string): RemoteFile => {
    let e = files.get(name);
    if (!e) files.set(name, (e = {}));
    return e;
  };
  let section: "none" | "hash" | "mode" = "none";
  for (const line of stdout.split("\n")) {
    if (line === NO_DIR) return { dirMissing: true, files: new Map() };
    if (line === HASHES) section = "hash";
    else if (line === MODES) section = "mode";
    else if (section === "hash") {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (m && wanted.has(m[2]!)) entry(m[2]!).sha256 = m[1]!;
    } else if (section === "mode") {
      const m = /^([0-7]{3,4}) (.+)$/.exec(line);
      if (m && wanted.has(m[2]!)) entry(m[2]!).mode = Number.parseInt(m[1]!, 8) & 0o777;
    }
  }
  // A file whose content could not be read is as good as missing: it must be pushed.
  for (const [name, f] of files) if (f.sha256 === undefined) files.delete(name);
  return { dirMissing: false, files };
}

/** The node's copy of `names` in `remoteDir`, in one round trip (sweeping dead uploads' temps first when asked). */
export async function fetchRemoteState(pool: SshPool, node: string, remoteDir: string, names: readonly string[], opts: { sweepStaleTemps?: boolean } = {}): Promise<RemoteState> {
  if (names.length === 0) return { dirMissing: false, files: new Map() };
  const result = await pool.exec(node, remoteStateCommand(remoteDir, names, opts));
  return parseRemoteState(result.stdout, names);
}

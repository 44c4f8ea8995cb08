import { createHmac } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";

/** One usable line of an OpenSSH known_hosts file. */
export interface KnownHostEntry {
  marker: "" | "@revoked" | "@cert-authority";
  patterns: string;
  keyType: string;
  key: Buffer;
  line: number;
}

/** The name OpenSSH looks a host up by: `host` on port 22, `[host]:port` otherwise. */
export function hostToken(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry["marker"] = "";
    if (fields[0] === "@revoked" || fields[0] === "@cert-authority") marker = fields.shift() as KnownHostEntry["marker"];
    const [patterns, keyType, b64] = fields;
    if (!patterns || !keyType || !b64) return;
    entries.push({ marker, patterns, keyType, key: Buffer.from(b64, "base64"), line: index + 1 });
  });
  return entries;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|\\[\]]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}

function matchesHashed(pattern: string, token: string): boolean {
  // |1|base64(salt)|base64(HMAC-SHA1(salt, token)), as written by `ssh-keygen -H` / HashKnownHosts.
  const [, kind, salt, hash] = pattern.split("|");
  if (kind !== "1" || !salt || !hash) return false;
  const mac = createHmac("sha1", Buffer.from(salt, "base64")).update(token).digest("base64");
  return mac === hash;
}

/** OpenSSH pattern-list semantics: comma-separated globs, `!` negates and wins. */
export function matchesHost(patterns: string, token: string): boolean {
  if (patterns.startsWith("|")) return matchesHashed(patterns, token);
  let matched = false;
  for (const pattern of patterns.split(",")) {
    const negated = pattern.startsWith("!");
    const glob = negated ? pattern.slice(1) : pattern;
    if (globToRegExp(glob).test(token)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** The key type named inside an SSH public key blob (its first length-prefixed string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return "";
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString("latin1");
}

/** The line `StrictHostKeyChecking accept-new` (and Oyster) appends for a host's key. */
export function knownHostsLine(token: string, blob: Buffer): string {
  const keyType = keyTypeOf(blob);
  // The type comes from the server. ssh2 already insists it is the negotiated algorithm's, but a
  // space or newline here would smuggle a second entry into known_hosts (or a printed command).
  if (!/^[A-Za-z0-9@._+-]+$/.test(keyType) || /\s/.test(token)) throw new Error(`refusing to write a known_hosts line for an odd key type or host (${JSON.stringify(keyType).slice(0, 40)})`);
  return `${token} ${keyType} ${blob.toString("base64")}`;
}

export type HostKeyVerdict =
  | { kind: "known" }
  | { kind: "unknown" }
  | { kind: "mismatch"; knownTypes: string[] }
  | { kind: "revoked" };

/** Judges a presented host key against the entries for `token`. */
export function judgeHostKey(entries: KnownHostEntry[], token: string, blob: Buffer): HostKeyVerdict {
  const mine = entries.filter((e) => e.marker !== "@cert-authority" && matchesHost(e.patterns, token));
  if (mine.some((e) => e.marker === "@revoked" && e.key.equals(blob))) return { kind: "revoked" };
  const plain = mine.filter((e) => e.marker === "");
  if (plain.some((e) => e.key.equals(blob))) return { kind: "known" };
  if (plain.length === 0) return { kind: "unknown" };
  // Any other key on record for this host means the host is not who it was: never accepted.
  return { kind: "mismatch", knownTypes: [...new Set(plain.map((e) => e.keyType))] };
}

export class KnownHostsFile {
  constructor(readonly path: string) {}

  entries(): KnownHostEntry[] {
    if (!existsSync(this.path)) return [];
    return parseKnownHosts(readFileSync(this.path, "utf8"));
  }

  /** Key types on record for a host, so the handshake can ask for those first (as OpenSSH does). */
  knownTypes(token: string): string[] {
    const types = this.entries()
      .filter((e) => e.marker === "" && matchesHost(e.patterns, token))
      .map((e) => e.keyType);
    return [...new Set(types)];
  }

  /** Trust on first use: append one plain line, as `StrictHostKeyChecking accept-new` does. */
  append(token: string, blob: Buffer): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const current = existsSync(this.path) ? readFileSync(this.path, "utf8") : "";
    const needsNewline = current.length > 0 && !current.endsWith("\n");
    const line = `${needsNewline ? "\n" : ""}${knownHostsLine(token, blob)}\n`;
    // O_APPEND keeps concurrent writers (bot and CLI) from interleaving a short line.
    appendFileSync(this.path, line, { mode: 0o600, flag: "a" });
  }
}

// Keys are made by ssh-keygen itself, so their files are exactly what OpenSSH expects
// (format and 0600 mode; sshd and ssh both refuse group-readable private keys).
import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";

/** Write a fresh passphrase-less ed25519 key at path (and path.pub), replacing any old one. */
export function generateKey(path: string, comment: string): Promise<void> {
  // ssh-keygen asks before overwriting; remove first so it never prompts.
  rmSync(path, { force: true });
  rmSync(`${path}.pub`, { force: true });
  return new Promise((resolve, reject) => {
    execFile("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path], (err, _o, stderr) => {
      if (err) reject(new Error(`ssh-keygen ${path}: ${stderr || err.message}`));
      else resolve();
    });
  });
}

/** "ssh-ed25519 AAAA..." without the comment. */
export function publicKeyLine(path: string): string {
  const [type, blob] = readFileSync(`${path}.pub`, "utf8").trim().split(/\s+/);
  return `${type} ${blob}`;
}

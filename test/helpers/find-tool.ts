// The tests run the real tools (sshd, sqlite3, useradd, mount, ...) wherever the machine has them,
// found on PATH like a shell would. sshd, useradd and friends live in /usr/sbin or /sbin, which a
// non-root user's PATH often lacks, so those are searched after PATH.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

const SBIN_FALLBACK = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

/** Absolute path of the executable `name` on PATH (then the sbin dirs), or undefined. */
export function findTool(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), ...SBIN_FALLBACK];
  for (const dir of dirs) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here: try the next dir
    }
  }
  return undefined;
}

/** Like findTool, but throws saying which package provides the tool (Debian names). */
export function requireTool(name: string, debianPackage: string): string {
  const path = findTool(name);
  if (path === undefined) {
    throw new Error(
      `${name} not found on PATH or in ${SBIN_FALLBACK.join(", ")}: install it ` +
        `(Debian/Ubuntu: apt-get install --no-install-recommends ${debianPackage}; \`npm test\` does this as root)`,
    );
  }
  return path;
}

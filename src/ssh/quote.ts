/**
 * Quoting for the remote POSIX shell. Everything that is not a fixed literal in our own code goes
 * through `shellQuote` before it is joined into a command line.
 */
export function shellQuote(value: string): string {
  if (value.includes("\0")) throw new Error("a NUL byte cannot be passed to a remote shell");
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A word for a command line printed for a person to paste: a bare word (letters, digits and
 * `_@%+=:,./-`, which no shell treats specially) stays as it is, so `ssh opc@192.0.2.1` reads
 * naturally; anything else is quoted with `shellQuote`.
 */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : shellQuote(value);
}

/**
 * A remote path for the shell: `~` and `~/x` expand to the login user's home ("$HOME"), the rest
 * is quoted. (Quoting `~` would stop the shell expanding it.)
 */
export function remoteShellPath(path: string): string {
  if (path === "~") return `"$HOME"`;
  if (path.startsWith("~/")) return `"$HOME"/${shellQuote(path.slice(2))}`;
  return shellQuote(path);
}

/**
 * A remote path for SFTP, whose working directory is the login user's home: `~/x` becomes `x`.
 */
export function remoteSftpPath(path: string): string {
  if (path === "~") return ".";
  if (path.startsWith("~/")) return path.slice(2) || ".";
  return path;
}

/** Joins a remote directory and a file name without doubling slashes. */
export function remoteJoin(dir: string, name: string): string {
  return dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
}

import { remoteShellPath, shellQuote } from "../ssh/index.ts";

// Every command install-daemon sends, in one place. Unit names and paths come from config and
// are quoted all the same; `sudo -n` never waits for a password prompt nobody will answer.

/** Installs the uploaded temp file as the unit file (root-owned, 0644) and removes the temp file. */
export function installCommand(tmp: string, dest: string): string {
  const from = remoteShellPath(tmp);
  return `sudo -n install -m 0644 ${from} ${shellQuote(dest)}; rc=$?; rm -f ${from}; exit $rc`;
}

export const DAEMON_RELOAD = "sudo -n systemctl daemon-reload";

export function enableCommand(unit: string): string {
  return `sudo -n systemctl enable ${shellQuote(unit)}`;
}

export function startCommand(verb: "start" | "restart", unit: string): string {
  return `sudo -n systemctl ${verb} ${shellQuote(unit)}`;
}

export function isActiveCommand(unit: string): string {
  return `systemctl is-active ${shellQuote(unit)}`;
}

/** Read-only; exits non-zero for a unit that is not active, which is why it is being read. */
export function statusCommand(unit: string): string {
  return `systemctl status --no-pager --full ${shellQuote(unit)}`;
}

export function journalCommand(unit: string, lines: number): string {
  return `journalctl -u ${shellQuote(unit)} -n ${Math.trunc(lines)} --no-pager`;
}

/** The installed unit file, for a dry run's diff. */
export function catCommand(path: string): string {
  return `cat -- ${shellQuote(path)}`;
}

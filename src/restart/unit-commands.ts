import { shellQuote } from "../ssh/index.ts";

// Unit names were checked against config and a plain character set already; they are quoted
// anyway, so a check that is ever loosened still cannot put shell syntax on a node.

/** Read-only: prints active / inactive / failed / ...; its exit code is not an error. */
export function isActiveCommand(unit: string): string {
  return `systemctl is-active ${shellQuote(unit)}`;
}

/** `-n`: never wait for a password prompt that nobody will answer; fail instead. */
export function restartCommand(unit: string): string {
  return `sudo -n systemctl restart ${shellQuote(unit)}`;
}

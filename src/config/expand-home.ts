import { join } from "node:path";

/**
 * Expands a leading `~` the way a shell would for the current user. `~other/...` is left alone:
 * resolving another user's home needs the passwd database, and nobody writes that in config.
 */
export function expandHome(path: string, home: string): string {
  if (path === "~") return home;
  if (path.startsWith("~/")) return join(home, path.slice(2));
  return path;
}

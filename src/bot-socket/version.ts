import { readFileSync } from "node:fs";
import type { BuildId } from "./protocol.ts";

/**
 * From the TypeScript sources (tests, benches) this file is src/bot-socket/version.ts; in the
 * bundle every chunk sits flat in dist/ (src/startup/compiled-entry.ts), beside `.build-stamp`.
 */
function fromSources(here: string): boolean {
  return here.endsWith(".ts");
}

function readOr<T>(url: URL, read: (text: string) => T, fallback: T): T {
  try {
    return read(readFileSync(url, "utf8"));
  } catch {
    return fallback;
  }
}

/**
 * This process's build: package.json's version and, for compiled code, the time of the build it
 * runs (dist/.build-stamp, written by scripts/build.mjs). The bot reads it once at start: a
 * rebuild while it runs makes it older than the CLI that was just built.
 */
export function ownBuild(here: string = import.meta.url): BuildId {
  const pkg = new URL(fromSources(here) ? "../../package.json" : "../package.json", here);
  const version = readOr(pkg, (t) => String((JSON.parse(t) as { version?: unknown }).version ?? "0.0.0"), "0.0.0");
  const build = fromSources(here) ? null : readOr(new URL("./.build-stamp", here), (t) => t.trim() || null, null);
  return { version, build };
}

/** `1.2.3` as numbers; a pre-release tag or build suffix is ignored (only releases are compared). */
function parts(version: string): number[] {
  return version.split(/[-+]/)[0]!.split(".").map((p) => Number.parseInt(p, 10) || 0);
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Whether the running bot is older than the CLI asking it: a lower package version, or the same
 * version built earlier (the checkout was rebuilt and the bot not restarted, so its code may not
 * know what the CLI's does). Builds are ISO times, compared as text; a side run from the sources
 * has no build and is judged by version alone.
 */
export function isOlder(bot: BuildId, cli: BuildId): boolean {
  const byVersion = compareVersions(bot.version, cli.version);
  if (byVersion !== 0) return byVersion < 0;
  return bot.build !== null && cli.build !== null && bot.build < cli.build;
}

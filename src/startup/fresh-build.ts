import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** Written by `npm run build` after a successful compile; its mtime is the build's time. */
export const BUILD_STAMP = ".build-stamp";

/** The folders compiled into dist/ (tsconfig.build.json's `include`). */
export const SOURCE_DIRS = ["src", "commands", "jobs"] as const;

function newestSourceSince(dir: string, since: number): string | undefined {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      const found = newestSourceSince(path, since);
      if (found) return found;
    } else if (e.name.endsWith(".ts") && statSync(path).mtimeMs > since) {
      return path;
    }
  }
  return undefined;
}

/**
 * Why the compiled code in `<root>/dist` must not run, or undefined when it may: a source file
 * changed after the last build (running yesterday's code silently is worse than refusing), or no
 * build at all. A deploy that ships dist/ without the sources has nothing to compare: it runs.
 */
export function staleBuildReason(root: string): string | undefined {
  let built: number;
  try {
    built = statSync(join(root, "dist", BUILD_STAMP)).mtimeMs;
  } catch {
    return "dist/ has not been built: run `npm run build` (npm ci runs it)";
  }
  for (const dir of SOURCE_DIRS) {
    const newer = newestSourceSince(join(root, dir), built);
    if (newer) return `dist/ is older than ${relative(root, newer)}: run \`npm run build\``;
  }
  return undefined;
}

/**
 * For the compiled entry points: true (after saying why on stderr) when the build in dist/ must not
 * run. Code bundled into dist/ sits flat in it, so the checkout is one level up; from the
 * TypeScript sources (tests through tsx) there is nothing to check.
 */
export function refuseStaleBuild(moduleUrl: string = import.meta.url, stderr: { write(s: string): unknown } = process.stderr): boolean {
  if (moduleUrl.endsWith(".ts")) return false;
  const reason = staleBuildReason(fileURLToPath(new URL("../", moduleUrl)));
  if (reason) stderr.write(`oyster: ${reason}\n`);
  return reason !== undefined;
}

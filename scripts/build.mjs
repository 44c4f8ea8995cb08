// `npm run build` (also npm's `prepare`, so `npm ci` builds): type-check, then bundle the entry
// points in src/startup/entry-points.json to plain ESM JavaScript in dist/ with esbuild. Packages
// stay in node_modules (loaded when a command needs them) except zod, which is bundled: it is on
// every command's path and loads in ~60% of the time as one file. The output is built aside and
// swapped in whole, so no file of a deleted source survives and a running bot never sees it
// half-written; a stamp records when the build started (src/startup/fresh-build.ts reads it).
import { spawnSync } from "node:child_process";
import { readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const dist = join(root, "dist");
const next = join(root, "dist.next");
const old = join(root, "dist.old");
const started = new Date();

if (!process.argv.includes("--no-check")) {
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.json"), "--noEmit"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The one list of entry points (src/startup/compiled-entry.ts explains them).
const entryPoints = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(join(root, "src/startup/entry-points.json"), "utf8"))).map(([name, file]) => [name, join(root, file)]),
);

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const bundled = new Set(["zod"]);
const external = Object.keys(pkg.dependencies ?? {}).filter((name) => !bundled.has(name)).flatMap((name) => [name, `${name}/*`]);

rmSync(next, { recursive: true, force: true });
const esbuild = await import(require.resolve("esbuild"));
await esbuild.build({
  entryPoints,
  outdir: next,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  external,
  sourcemap: "linked",
  // Entries and chunks flat in dist/: compiledEntryUrl() finds an entry as a sibling from any chunk.
  logLevel: "warning",
});
const stamp = join(next, ".build-stamp");
writeFileSync(stamp, `${started.toISOString()}\n`);
utimesSync(stamp, started, started);
rmSync(old, { recursive: true, force: true });
try {
  renameSync(dist, old);
} catch {
  // first build: nothing to move aside
}
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });

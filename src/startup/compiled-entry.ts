import { fileURLToPath } from "node:url";

/**
 * The compiled entry points are listed in entry-points.json beside this file (name -> source);
 * scripts/build.mjs bundles each to `dist/<name>.js`. Worker threads need plain JavaScript: tsx
 * cannot load TypeScript inside a worker on Node 20, so even tests that run the sources through
 * tsx start the compiled worker, and what is tested is what ships.
 *
 * The URL of `dist/<name>.js`. In the bundle every entry and chunk sits flat in dist/, so it is a
 * sibling of this code; from the TypeScript sources (tests, benches) it is `<root>/dist/`.
 */
export function compiledEntryUrl(name: string, here: string = import.meta.url): URL {
  return here.endsWith(".ts") ? new URL(`../../dist/${name}.js`, here) : new URL(`./${name}.js`, here);
}

export function compiledEntryPath(name: string, here: string = import.meta.url): string {
  return fileURLToPath(compiledEntryUrl(name, here));
}

#!/usr/bin/env node
// The package's `bin`: the compiled CLI in dist/ (`npm run build`; `npm ci` runs it), with plain
// node and no TypeScript loader. A missing or stale build is refused with the command to fix it,
// never run silently.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("oyster: not built: run `npm run build` in the checkout (npm ci runs it)\n");
  process.exit(2);
}
const { runCli, refuseStaleBuild } = await import(cli.href);
if (refuseStaleBuild()) process.exit(2);
process.exitCode = await runCli(process.argv.slice(2));
// Anything still holding the event loop (a socket in its close handshake) must not keep a
// finished command waiting.
setTimeout(() => process.exit(), 2000).unref();

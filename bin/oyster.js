#!/usr/bin/env node
// The package's `bin`: TypeScript runs through tsx's loader, registered here so that `oyster`
// works from any directory without a build step.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli.ts");
process.exitCode = await runCli(process.argv.slice(2));
// Anything still holding the event loop (a socket in its close handshake) must not keep a
// finished command waiting.
setTimeout(() => process.exit(), 2000).unref();

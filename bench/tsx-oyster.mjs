#!/usr/bin/env node
// The CLI as main ran it before the build (bin/oyster.js at 74d476c): the TypeScript sources
// through tsx's loader, registered here. The startup bench runs it beside the compiled bin to show
// what the build saves; it is not part of the product.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli.ts");
process.exitCode = await runCli(process.argv.slice(2));
// Anything still holding the event loop (a socket in its close handshake) must not keep a
// finished command waiting.
setTimeout(() => process.exit(), 2000).unref();

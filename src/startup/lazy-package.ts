import { createRequire } from "node:module";

const requireHere = createRequire(import.meta.url);

/**
 * A package loaded on first use instead of at import. Start-up is the cost of every CLI call, and
 * most commands need few of the heavy packages (ssh2, better-sqlite3, nodemailer, pino,
 * croner, prom-client): `oyster help` loads none of them. Each package still has one owner module that
 * calls this (src/ssh for ssh2, src/store for better-sqlite3, src/notify for nodemailer, ...).
 * `T` is the type of what `require(name)` returns (the module's default export for CommonJS).
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(name) as T);
}

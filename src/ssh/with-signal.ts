import { OysterError } from "../errors.ts";
import type { SshPool } from "./pool.ts";

const cancelled = (name: string) => new OysterError("Cancelled", `cancelled before reaching ${name}`, { node: name });

/**
 * The pool as one request sees it: once `signal` aborts (the CLI's Ctrl-C, through the bot's
 * socket), no further node is started: an exec, channel or fan-out step for a node this request
 * has not reached yet fails at once. A node it already reached finishes its own steps (a restart
 * is followed by its `is-active`, so the result says how that node was left, not "unknown"). The
 * pool itself, shared by every request and job, is untouched: a cancelled request costs the
 * others nothing.
 */
export function withSignal(pool: SshPool, signal: AbortSignal): SshPool {
  const reached = new Set<string>();
  const refuse = (name: string) => {
    if (signal.aborted && !reached.has(name)) throw cancelled(name);
    reached.add(name);
  };
  const overrides: Partial<SshPool> = {
    exec: async (name, command, options) => {
      refuse(name);
      return pool.exec(name, command, options);
    },
    // Every argument passed on: the asker (a guardian probe or a request) decides whether a
    // node known to be hung is dialled at all.
    client: async (name, ...rest) => {
      refuse(name);
      return pool.client(name, ...rest);
    },
    // A node not yet started when the signal aborts fails at once instead of dialling.
    forEach: (names, fn) => pool.forEach(names, async (t) => {
      refuse(t.name);
      return fn(t);
    }),
  };
  return new Proxy(pool, {
    get(target, prop) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof SshPool];
      const value = Reflect.get(target, prop, target) as unknown;
      // Methods run on the pool itself, not on this view (its fields are the pool's).
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

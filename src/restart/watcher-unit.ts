import { OysterError } from "../errors.ts";

/**
 * The node's watcher unit: the one `-watcher` entry in its services; when several, the one named
 * `<node>-watcher`; when none is listed, `<node>-watcher` by convention (how nodes are set up).
 * Several with none of them `<node>-watcher` is ambiguous, so we refuse rather than guess.
 */
export function watcherUnit(node: string, services: readonly string[]): string {
  const watchers = services.filter((s) => s.replace(/\.service$/, "").endsWith("-watcher"));
  const conventional = `${node}-watcher`;
  if (watchers.length === 0) return conventional;
  if (watchers.length === 1) return watchers[0]!;
  const named = watchers.find((s) => s.replace(/\.service$/, "") === conventional);
  if (named) return named;
  throw new OysterError(
    "UnknownService",
    `${node} lists several watcher units (${watchers.join(", ")}) and none is ${conventional}: use "restart service ${node} <unit>"`,
    { node, candidates: watchers },
  );
}

import type { Config } from "../config/index.ts";
import { collectSecrets } from "./collect-secrets.ts";

const cache = new WeakMap<object, WeakMap<Config, string[]>>();

/**
 * The values to scrub for one process's environment and config, computed once per pair: the
 * bot answers every command with the same two objects, so this is a lookup after the first.
 */
export function secretsFor(env: NodeJS.ProcessEnv, config: Config): string[] {
  let byConfig = cache.get(env);
  if (!byConfig) cache.set(env, (byConfig = new WeakMap()));
  let values = byConfig.get(config);
  if (!values) byConfig.set(config, (values = collectSecrets(env, config).values));
  return values;
}

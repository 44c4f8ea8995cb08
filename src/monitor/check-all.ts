import type { Config } from "../config/index.ts";
import { secretsFor } from "../secrets/index.ts";
import { checkAccount } from "./providers/check-account.ts";
import { PROVIDERS, type AccountCheck } from "./types.ts";

export { checkAccount, type CheckDeps } from "./providers/check-account.ts";

export interface CheckAllOptions {
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * Every configured account of every provider, checked in parallel, each within
 * `monitor.timeoutMs`: a hung provider costs its own timeout and delays no one else. Results
 * come back in config order (providers as PROVIDERS lists them, accounts as written).
 */
export async function checkAll(config: Config, env: NodeJS.ProcessEnv, opts: CheckAllOptions = {}): Promise<AccountCheck[]> {
  const monitor = config.oyster.monitor;
  const deps = {
    env,
    fetch: opts.fetch ?? globalThis.fetch,
    now: opts.now ?? (() => new Date()),
    timeoutMs: monitor.timeoutMs,
    thresholds: monitor.thresholds,
    secrets: secretsFor(env, config),
  };
  const jobs = PROVIDERS.flatMap((p) => (monitor.providers[p] ?? []).map((account) => checkAccount(p, account, deps)));
  return Promise.all(jobs);
}

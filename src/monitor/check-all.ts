import type { Config } from "../config/index.ts";
import { secretsFor } from "../secrets/index.ts";
import type { SshPool } from "../ssh/index.ts";
import type { Db } from "../store/index.ts";
import { checkAgents } from "./agents/check-agents.ts";
import { checkAccount } from "./providers/check-account.ts";
import { PROVIDERS, type AccountCheck } from "./types.ts";

export { checkAccount, type CheckDeps } from "./providers/check-account.ts";

export interface CheckAllOptions {
  fetch?: typeof fetch;
  now?: () => Date;
  /** The fleet's connections: with them, `monitor.agents` are read on the nodes too. */
  ssh?: SshPool;
  /** Extra fields for the node-side agent reader (tests point a source's endpoint at loopback). */
  agentExtra?: Record<string, unknown>;
  /** state.db: agent sources that call an endpoint keep their last reading and backoff there. */
  db?: Db;
}

/**
 * Every configured account of every provider (and, given the fleet's connections, every agent
 * plan in `monitor.agents`, read on its nodes), checked in parallel, each within
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
  // Agent plans are read on the nodes in the same run, in parallel with the API checks.
  const agents = opts.ssh && monitor.agents.length > 0
    ? checkAgents({ config, ssh: opts.ssh, now: deps.now, secrets: deps.secrets, env, ...(opts.db ? { db: opts.db } : {}), ...(opts.agentExtra ? { extra: opts.agentExtra } : {}) })
    : Promise.resolve([]);
  const [api, plans] = await Promise.all([Promise.all(jobs), agents]);
  return [...api, ...plans];
}

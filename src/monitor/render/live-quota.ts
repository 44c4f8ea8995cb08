import type { Config } from "../../config/index.ts";
import type { SshPool } from "../../ssh/index.ts";
import type { Db } from "../../store/index.ts";
import type { QuotaSamples } from "../quota-samples.ts";
import type { AccountCheck, QuotaWindow } from "../types.ts";
import { buildQuotaReport, configuredProviders, type ForecastFn, type QuotaReport } from "./quota-report.ts";

/** How far back the forecast looks: enough for any pace, short enough to ignore last week. */
const FORECAST_LOOKBACK_MS = 24 * 3600_000;

export type CheckAllFn = (config: Config, env: NodeJS.ProcessEnv, opts?: { now?: () => Date; ssh?: SshPool; db?: Db }) => Promise<AccountCheck[]>;

export interface LiveQuotaDeps {
  config: Config;
  env: NodeJS.ProcessEnv;
  samples: QuotaSamples;
  now: () => Date;
  checkAll: CheckAllFn;
  /** The fleet's connections, for the agent plans read on the nodes. */
  ssh?: SshPool;
  /** state.db, for what agent sources keep between runs (a 429's backoff). */
  db?: Db;
  forecast: ForecastFn;
}

/**
 * `quota` and each round of `quota watch`: checks every account live, records the windows as a
 * sample (so the history and the next forecast include this look), then reports them with the
 * forecast from that window's samples of the last day, this one included.
 */
export async function liveQuota(deps: LiveQuotaDeps): Promise<QuotaReport> {
  const providers = deps.config.oyster.monitor.providers;
  const { notConfigured } = configuredProviders(providers);
  const checks = await deps.checkAll(deps.config, deps.env, { now: deps.now, ...(deps.ssh ? { ssh: deps.ssh } : {}), ...(deps.db ? { db: deps.db } : {}) });
  const now = deps.now();
  deps.samples.record(now, checks.flatMap((c) => c.windows));
  const since = new Date(now.getTime() - FORECAST_LOOKBACK_MS);
  const byAccount = new Map<string, ReturnType<QuotaSamples["list"]>>();
  const history = (w: QuotaWindow) => {
    const key = `${w.provider}:${w.account}`;
    let list = byAccount.get(key);
    if (!list) byAccount.set(key, (list = deps.samples.list({ since, provider: w.provider, account: w.account })));
    return list.filter((s) => s.window === w.window);
  };
  return buildQuotaReport({ checks, notConfigured, now, history, forecast: deps.forecast });
}

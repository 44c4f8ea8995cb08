import { scrub } from "../../secrets/index.ts";
import { classify } from "../classify.ts";
import type { AccountCheck, ProviderName, QuotaWindow } from "../types.ts";
import { ADAPTERS } from "./index.ts";
import type { CheckContext, ProviderAccount } from "./provider.ts";
import { failed, type Reading } from "./reading.ts";
import { spendFailure } from "./spend.ts";

/** Raw bodies are for a person to look at, not to fill state.db: the start is enough. */
const RAW_MAX = 4000;

export interface CheckDeps {
  env: NodeJS.ProcessEnv;
  fetch: typeof fetch;
  now: () => Date;
  /** `monitor.timeoutMs`: the whole account's check, every request in it, ends by then. */
  timeoutMs: number;
  /** `monitor.thresholds`. */
  thresholds: readonly number[];
  /** Values to scrub from details and raw bodies besides the account's own keys. */
  secrets: readonly string[];
}

async function readings(provider: ProviderName, account: ProviderAccount, deps: CheckDeps): Promise<Reading[]> {
  const key = deps.env[account.keyEnv];
  if (!key) return [failed("key_rejected", `${account.keyEnv} is not set`)];
  const adapter = ADAPTERS[provider];
  const ctx: CheckContext = {
    fetch: deps.fetch, now: deps.now, timeoutMs: deps.timeoutMs, key, account,
    signal: AbortSignal.timeout(deps.timeoutMs),
    baseUrl: (account.baseUrl ?? adapter.defaultBaseUrl).replace(/\/+$/, ""),
  };
  const adminKey = account.adminKeyEnv ? deps.env[account.adminKeyEnv] : undefined;
  const spend = !account.adminKeyEnv || !adapter.spend
    ? Promise.resolve([])
    : adminKey ? adapter.spend(ctx, adminKey).then((r) => [r]) : Promise.resolve([spendFailure("key_rejected", `${account.adminKeyEnv} is not set`)]);
  const [windows, spent] = await Promise.all([adapter.check(ctx), spend]);
  return [...windows, ...spent];
}

function finish(provider: ProviderName, account: ProviderAccount, r: Reading, deps: CheckDeps): QuotaWindow {
  const secrets = [deps.env[account.keyEnv], account.adminKeyEnv ? deps.env[account.adminKeyEnv] : undefined, ...deps.secrets]
    .filter((s): s is string => Boolean(s))
    .sort((a, b) => b.length - a.length);
  const { status: _said, ...rest } = r;
  const w: QuotaWindow = { provider, account: account.label, ...rest, status: classify(r, deps.thresholds) };
  if (w.detail !== undefined) w.detail = scrub(w.detail, secrets);
  if (w.raw !== undefined) w.raw = scrub(w.raw, secrets).slice(0, RAW_MAX);
  return w;
}

/** One account's check: its windows classified, secrets scrubbed; never throws. */
export async function checkAccount(provider: ProviderName, account: ProviderAccount, deps: CheckDeps): Promise<AccountCheck> {
  const checkedAt = deps.now().toISOString();
  let rs: Reading[];
  try {
    rs = await readings(provider, account, deps);
  } catch (err) {
    // A bug in an adapter is still one account's error, not the whole monitor's crash.
    rs = [failed("http", `check failed: ${err instanceof Error ? err.message : String(err)}`)];
  }
  return { provider, account: account.label, checkedAt, windows: rs.map((r) => finish(provider, account, r, deps)) };
}

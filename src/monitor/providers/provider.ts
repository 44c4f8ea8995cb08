import type { ProviderName } from "../types.ts";
import type { Reading } from "./reading.ts";

/** One `monitor.providers.<p>[]` entry of oyster.json. */
export interface ProviderAccount {
  label: string;
  keyEnv: string;
  baseUrl?: string;
  probeModel?: string;
  adminKeyEnv?: string;
}

/** What an adapter needs for one account's check; every request shares `signal` (the account's deadline). */
export interface CheckContext {
  fetch: typeof fetch;
  now: () => Date;
  signal: AbortSignal;
  timeoutMs: number;
  /** The account's base URL without a trailing slash: `baseUrl`, else the provider's default host. */
  baseUrl: string;
  key: string;
  account: ProviderAccount;
}

export interface ProviderAdapter {
  name: ProviderName;
  defaultBaseUrl: string;
  check(ctx: CheckContext): Promise<Reading[]>;
  /** Today's spend with the admin key (`adminKeyEnv`), for providers that report it. */
  spend?(ctx: CheckContext, adminKey: string): Promise<Reading>;
}

import type { Config } from "../config/index.ts";
import type { AccountCheck, QuotaErrorKind, QuotaWindow } from "../monitor/types.ts";
import { PROVIDERS, type ProviderName } from "../monitor/types.ts";
import type { MessageKey } from "../locale/translate.ts";
import { line, firstLine, say } from "./line.ts";
import type { DoctorLine, DoctorStatus } from "./types.ts";

export type CheckAllFn = () => Promise<AccountCheck[]>;

/** How bad a reading that gave no number is for the setup, and what to do: by why it gave none. */
const KINDS: Record<QuotaErrorKind, { status: DoctorStatus; fix: MessageKey }> = {
  key_rejected: { status: "fail", fix: "doctor.provider.keyFix" },
  timeout: { status: "fail", fix: "doctor.provider.networkFix" },
  http: { status: "fail", fix: "doctor.provider.networkFix" },
  unrecognised: { status: "fail", fix: "doctor.provider.quotaFix" },
  node: { status: "fail", fix: "doctor.provider.nodeFix" },
  no_credit: { status: "warn", fix: "doctor.provider.creditFix" },
  no_plan: { status: "warn", fix: "doctor.provider.creditFix" },
  rate_limited: { status: "warn", fix: "doctor.provider.laterFix" },
  no_reading: { status: "warn", fix: "doctor.provider.noReadingFix" },
};

const isApi = (p: string): p is ProviderName => (PROVIDERS as readonly string[]).includes(p);

/** The env variable an API account's key is read from (never its value). */
function keyEnvOf(config: Config, provider: ProviderName, label: string): string {
  return config.oyster.monitor.providers[provider]?.find((a) => a.label === label)?.keyEnv ?? "?";
}

/** One account's line: read (with how many windows), or the first window that gave no number and why. */
export function accountLine(config: Config, c: AccountCheck): DoctorLine {
  const name = `${c.provider}:${c.account}`;
  const failedWindows = c.windows.filter((w) => w.status === "error");
  const rank = (w: QuotaWindow) => (KINDS[w.errorKind ?? "http"].status === "fail" ? 0 : 1);
  const worst = failedWindows.sort((a, b) => rank(a) - rank(b))[0];
  if (!worst) return line("providers", name, "ok", say("doctor.provider.ok", { count: c.windows.length }));
  const kind = worst.errorKind ?? "http";
  const { status, fix } = KINDS[kind];
  const detail = say("doctor.provider.failed", { kind, detail: firstLine(worst.detail ?? worst.window) });
  if (kind === "key_rejected") {
    return isApi(c.provider)
      ? line("providers", name, status, detail, say(fix, { env: keyEnvOf(config, c.provider, c.account) }))
      : line("providers", name, status, detail, say("doctor.provider.agentLoginFix", { provider: c.provider, node: worst.node ?? "?" }));
  }
  return line("providers", name, status, detail, say(fix, { node: worst.node ?? "?" }));
}

/**
 * Each API account and each agent plan, read once exactly as the monitor reads them (checkAll:
 * every account in parallel within `monitor.timeoutMs`; agent plans read on their nodes, where
 * the agent's login stays). Nothing is stored: no sample, no alert. Details are already scrubbed.
 */
export async function providerChecks(config: Config, checkAll: CheckAllFn): Promise<DoctorLine[]> {
  const monitor = config.oyster.monitor;
  const accounts = PROVIDERS.reduce((n, p) => n + (monitor.providers[p]?.length ?? 0), 0) + monitor.agents.length;
  if (accounts === 0) return [line("providers", "monitor", "ok", say("doctor.provider.none"))];
  return (await checkAll()).map((c) => accountLine(config, c));
}

import { z } from "zod";
import type { Config } from "../../config/index.ts";
import { OysterError } from "../../errors.ts";
import { PROVIDERS, type QuotaProvider } from "../types.ts";

export type QuotaArgs =
  | { mode: "now" }
  | { mode: "history"; hours: number; account: string | null }
  | { mode: "watch"; intervalSeconds: number };

export const QUOTA_USAGE = "quota [history [--hours 24] [--account LABEL] | watch [--interval 300]] [--json]";

/** Watch: no faster than 10 s (each round probes every account), no slower than an hour. */
export const WATCH_INTERVAL = { min: 10, max: 3600, default: 300 };
export const HISTORY_HOURS_DEFAULT = 24;

const wholeNumber = (what: string) => z.string().regex(/^\d+$/, { message: `${what}: a whole number` }).transform(Number);

/** Words and flags of `quota`; which flag goes with which subcommand is checked here too. */
export const quotaSchema = z
  .object({
    _: z.array(z.string()).max(1, { message: "one subcommand at most: history or watch" }),
    hours: wholeNumber("hours").optional(),
    account: z.string().min(1).optional(),
    interval: wholeNumber("seconds").optional(),
  })
  .superRefine((a, ctx) => {
    const sub = a._[0];
    if (sub !== undefined && sub !== "history" && sub !== "watch") ctx.addIssue({ code: "custom", path: ["_", 0], message: "not a subcommand; one of history, watch" });
    if (sub !== "history" && a.hours !== undefined) ctx.addIssue({ code: "custom", path: ["hours"], message: "goes with `quota history`" });
    if (sub !== "history" && a.account !== undefined) ctx.addIssue({ code: "custom", path: ["account"], message: "goes with `quota history`" });
    if (sub !== "watch" && a.interval !== undefined) ctx.addIssue({ code: "custom", path: ["interval"], message: "goes with `quota watch`" });
    if (a.hours !== undefined && a.hours < 1) ctx.addIssue({ code: "custom", path: ["hours"], message: "at least 1" });
    const { min, max } = WATCH_INTERVAL;
    if (a.interval !== undefined && (a.interval < min || a.interval > max)) ctx.addIssue({ code: "custom", path: ["interval"], message: `from ${min} to ${max} seconds` });
  })
  .transform((a): QuotaArgs => {
    if (a._[0] === "history") return { mode: "history", hours: a.hours ?? HISTORY_HOURS_DEFAULT, account: a.account ?? null };
    if (a._[0] === "watch") return { mode: "watch", intervalSeconds: a.interval ?? WATCH_INTERVAL.default };
    return { mode: "now" };
  });

/** Every configured account as `provider:label`: API accounts, then agent plans. */
export function configuredAccounts(config: Config): Array<{ provider: QuotaProvider; label: string }> {
  const api = PROVIDERS.flatMap((provider) => (config.oyster.monitor.providers[provider] ?? []).map((a) => ({ provider, label: a.label })));
  return [...api, ...config.oyster.monitor.agents.map((a) => ({ provider: a.provider, label: a.label }))];
}

/** `--account glm` or `--account zai:glm` → the sample filter; an unknown account is a usage error naming the valid ones. */
export function accountFilter(config: Config, account: string): { provider?: QuotaProvider; account: string } {
  const known = configuredAccounts(config);
  const match = known.filter((k) => k.label === account || `${k.provider}:${k.label}` === account);
  if (match.length === 0) {
    const valid = known.length === 0 ? "no accounts are configured (monitor.providers or monitor.agents in oyster.json)" : `one of ${known.map((k) => k.label).join(", ")}`;
    throw new OysterError("InvalidArgument", `--account: "${account}" is not a configured account; ${valid}\nusage: oyster ${QUOTA_USAGE}`, { account });
  }
  // A label two providers share means both, unless given as provider:label.
  return match.length === 1 ? { provider: match[0]!.provider, account: match[0]!.label } : { account };
}

/** History reaches back at most as far as samples are kept. */
export function checkHours(config: Config, hours: number): void {
  const max = config.oyster.monitor.keepDays * 24;
  if (hours > max) throw new OysterError("InvalidArgument", `--hours: at most ${max} (samples are kept monitor.keepDays = ${config.oyster.monitor.keepDays} days)\nusage: oyster ${QUOTA_USAGE}`, { hours });
}

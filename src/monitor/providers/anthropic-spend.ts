import { anthropicFailure } from "./anthropic-errors.ts";
import { request, unrecognised } from "./http.ts";
import type { CheckContext } from "./provider.ts";
import { num, type Reading } from "./reading.ts";
import { asSpendFailure, spendReading, startOfUtcDay, sumCostResults } from "./spend.ts";

const VERSION = "2023-06-01";

/** Cents in a cost report page: `data[].results[].amount` is a decimal string in cents. Null when the shape is not that. */
export function anthropicCostCents(json: unknown): number | null {
  return sumCostResults(json, (r) => num(r?.amount));
}

/** Today's spend (UTC day) from the admin cost report, as the "spend today" window. */
export async function anthropicSpend(ctx: CheckContext, adminKey: string): Promise<Reading> {
  const now = ctx.now();
  const query = new URLSearchParams({ starting_at: startOfUtcDay(now).toISOString(), ending_at: now.toISOString(), bucket_width: "1d" });
  const outcome = await request(ctx, `/v1/organizations/cost_report?${query}`, {
    headers: { "x-api-key": adminKey, "anthropic-version": VERSION },
  });
  if ("failure" in outcome) return asSpendFailure(outcome.failure);
  const { reply } = outcome;
  if (reply.status < 200 || reply.status >= 300) return asSpendFailure(anthropicFailure(reply, now));
  const cents = anthropicCostCents(reply.json);
  return cents === null ? asSpendFailure(unrecognised(reply)) : spendReading(cents / 100, now);
}

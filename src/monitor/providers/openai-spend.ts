import { request, unrecognised } from "./http.ts";
import { openaiFailure } from "./openai-errors.ts";
import type { CheckContext } from "./provider.ts";
import { num, record, type Reading } from "./reading.ts";
import { asSpendFailure, spendReading, startOfUtcDay, sumCostResults } from "./spend.ts";

/** Dollars in a costs page: `data[].results[].amount.value`. Null when the shape is not that. */
export function openaiCostDollars(json: unknown): number | null {
  return sumCostResults(json, (r) => num(record(r?.amount)?.value));
}

/** Today's costs (UTC day) from the organization costs API, as the "spend today" window. */
export async function openaiSpend(ctx: CheckContext, adminKey: string): Promise<Reading> {
  const now = ctx.now();
  const start = Math.floor(startOfUtcDay(now).getTime() / 1000);
  const outcome = await request(ctx, `/v1/organization/costs?start_time=${start}&bucket_width=1d`, {
    headers: { authorization: `Bearer ${adminKey}` },
  });
  if ("failure" in outcome) return asSpendFailure(outcome.failure);
  const { reply } = outcome;
  if (reply.status < 200 || reply.status >= 300) return asSpendFailure(openaiFailure(reply, now));
  const dollars = openaiCostDollars(reply.json);
  return dollars === null ? asSpendFailure(unrecognised(reply)) : spendReading(dollars, now);
}

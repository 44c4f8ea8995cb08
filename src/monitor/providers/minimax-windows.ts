import { epochToIso, num, percentOf, record, type Reading } from "./reading.ts";

interface Fields {
  total: string;
  remaining: string;
  remainingPct: string;
  start: string;
  end: string;
  remainsMs: string;
}

const INTERVAL: Fields = {
  total: "current_interval_total_count",
  // Misnamed by MiniMax: this is what is LEFT, not what was used.
  remaining: "current_interval_usage_count",
  remainingPct: "current_interval_remaining_percent",
  start: "start_time",
  end: "end_time",
  remainsMs: "remains_time",
};

const WEEKLY: Fields = {
  total: "current_weekly_total_count",
  remaining: "current_weekly_usage_count",
  remainingPct: "current_weekly_remaining_percent",
  start: "weekly_start_time",
  end: "weekly_end_time",
  remainsMs: "weekly_remains_time",
};

function windowOf(name: string, e: Record<string, unknown>, f: Fields, now: Date): Reading | null {
  const limit = num(e[f.total]);
  const remaining = num(e[f.remaining]);
  const remainingPct = num(e[f.remainingPct]);
  if (limit === null && remaining === null && remainingPct === null) return null;
  const used = limit !== null && remaining !== null ? Math.max(0, limit - remaining) : null;
  const usedPct = remainingPct !== null ? Math.round((100 - remainingPct) * 100) / 100 : percentOf(used, limit);
  const start = num(e[f.start]);
  const end = num(e[f.end]);
  const remainsMs = num(e[f.remainsMs]);
  const resetsAt = epochToIso(end) ?? (remainsMs !== null ? new Date(now.getTime() + remainsMs).toISOString() : null);
  const windowSeconds = start !== null && end !== null && end > start ? Math.round((end - start) / 1000) : f === WEEKLY ? 604_800 : null;
  return { window: name, windowSeconds, used, limit, remaining, usedPct, resetsAt };
}

/**
 * `model_remains[]`, at the top level or under `data`: each model's interval window (named by
 * the model) and, when present, its weekly window ("<model> weekly"). Null for any other shape.
 */
export function minimaxWindows(json: unknown, now: Date): Reading[] | null {
  const body = record(json);
  const entries = body?.model_remains ?? record(body?.data)?.model_remains;
  if (!Array.isArray(entries) || entries.length === 0) return null;
  const out: Reading[] = [];
  for (const entry of entries) {
    const e = record(entry);
    if (!e) return null;
    const model = typeof e.model_name === "string" && e.model_name ? e.model_name : `model ${out.length + 1}`;
    const interval = windowOf(model, e, INTERVAL, now);
    if (!interval) return null;
    out.push(interval);
    const weekly = windowOf(`${model} weekly`, e, WEEKLY, now);
    if (weekly) out.push(weekly);
  }
  return out;
}

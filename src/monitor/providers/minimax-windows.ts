import { epochToIso, num, percentOf, record, type Reading } from "./reading.ts";

interface Lane {
  total: string;
  remaining: string;
  remainingPct: string;
  status: string;
  boost: string;
  start: string;
  end: string;
  remainsMs: string;
}

const INTERVAL: Lane = {
  total: "current_interval_total_count",
  // Misnamed by MiniMax: this is what is LEFT, not what was used.
  remaining: "current_interval_usage_count",
  remainingPct: "current_interval_remaining_percent",
  status: "current_interval_status",
  boost: "interval_boost_permille",
  start: "start_time",
  end: "end_time",
  remainsMs: "remains_time",
};

const WEEKLY: Lane = {
  total: "current_weekly_total_count",
  remaining: "current_weekly_usage_count",
  remainingPct: "current_weekly_remaining_percent",
  status: "current_weekly_status",
  boost: "weekly_boost_permille",
  start: "weekly_start_time",
  end: "weekly_end_time",
  remainsMs: "weekly_remains_time",
};

/** `current_*_status` 3: a lane the plan does not include (a Plus plan's `video`): never a window. */
const NOT_IN_PLAN = 3;

/**
 * The counts, unless they are the Token Plan's 0/0 pair: that plan reports its figures only as a
 * remaining percent and leaves both counts at 0, which means "no count", not "nothing left".
 */
function counts(e: Record<string, unknown>, lane: Lane): { limit: number | null; remaining: number | null } {
  const limit = num(e[lane.total]);
  const remaining = num(e[lane.remaining]);
  if ((limit ?? 0) === 0 && (remaining ?? 0) === 0) return { limit: null, remaining: null };
  return { limit, remaining };
}

/** `*_boost_permille` 1500 = the lane's allowance scaled to 150%: shown, since "30% used" is of the boosted amount. */
function boostNote(e: Record<string, unknown>, lane: Lane): string | undefined {
  const permille = num(e[lane.boost]) ?? num(e[lane.boost.replace(/e$/, "")]);
  if (permille === null || permille <= 0 || permille === 1000) return undefined;
  return `allowance boosted ×${Math.round(permille) / 1000}`;
}

type Lanes = { reading: Reading } | { notInPlan: true } | null;

function laneOf(name: string, e: Record<string, unknown>, lane: Lane, now: Date): Lanes {
  if (num(e[lane.status]) === NOT_IN_PLAN) return { notInPlan: true };
  const { limit, remaining } = counts(e, lane);
  const remainingPct = num(e[lane.remainingPct]);
  if (limit === null && remaining === null && remainingPct === null) return null;
  const used = limit !== null && remaining !== null ? Math.max(0, limit - remaining) : null;
  const usedPct = remainingPct !== null ? Math.round((100 - remainingPct) * 100) / 100 : percentOf(used, limit);
  const start = num(e[lane.start]);
  const end = num(e[lane.end]);
  const remainsMs = num(e[lane.remainsMs]);
  const resetsAt = epochToIso(end) ?? (remainsMs !== null ? new Date(now.getTime() + remainsMs).toISOString() : null);
  const windowSeconds = start !== null && end !== null && end > start ? Math.round((end - start) / 1000) : lane === WEEKLY ? 604_800 : null;
  const note = boostNote(e, lane);
  return { reading: { window: name, windowSeconds, used, limit, remaining, usedPct, resetsAt, ...(note ? { note } : {}) } };
}

/** What MiniMax's remains endpoint says, read: the windows, and the models the plan leaves out. */
export interface MinimaxRemains {
  windows: Reading[];
  /** Models whose lanes all carry status 3 (not in the plan): left out of `windows`. */
  notInPlan: string[];
}

/**
 * `model_remains[]`, at the top level or under `data`: each model's interval window (named by
 * the model) and, when present, its weekly window ("<model> weekly"). A lane with status 3 is
 * left out (the plan does not include that model). Null for any other shape.
 */
export function minimaxRemains(json: unknown, now: Date): MinimaxRemains | null {
  const body = record(json);
  const entries = body?.model_remains ?? record(body?.data)?.model_remains;
  if (!Array.isArray(entries) || entries.length === 0) return null;
  const windows: Reading[] = [];
  const notInPlan: string[] = [];
  for (const [i, entry] of entries.entries()) {
    const e = record(entry);
    if (!e) return null;
    const model = typeof e.model_name === "string" && e.model_name ? e.model_name : `model ${i + 1}`;
    const interval = laneOf(model, e, INTERVAL, now);
    if (!interval) return null;
    const weekly = laneOf(`${model} weekly`, e, WEEKLY, now);
    if ("reading" in interval) windows.push(interval.reading);
    if (weekly && "reading" in weekly) windows.push(weekly.reading);
    if ("notInPlan" in interval && (!weekly || "notInPlan" in weekly)) notInPlan.push(model);
  }
  return { windows, notInPlan };
}

/** The windows alone (see `minimaxRemains`); null for a shape that is not model_remains. */
export function minimaxWindows(json: unknown, now: Date): Reading[] | null {
  return minimaxRemains(json, now)?.windows ?? null;
}

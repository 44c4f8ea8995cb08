// Quota samples as the monitor stores them, for history, sparkline and chart tests.
import type { QuotaSample } from "../../src/monitor/quota-samples.ts";
import type { QuotaWindow } from "../../src/monitor/types.ts";

export const zaiWindow = (over: Partial<QuotaWindow> = {}): QuotaWindow => ({
  provider: "zai", account: "glm", window: "5h tokens", windowSeconds: 18_000, used: 127_694_464, limit: 800_000_000,
  remaining: 672_305_536, usedPct: 15, resetsAt: "2026-11-30T14:00:00.000Z", status: "ok", ...over,
});

/** One sample every `stepMinutes` from `from` to `to`, used % from `pct(hours since from)`. */
export function sampleSeries(from: string, to: string, stepMinutes: number, pct: (h: number) => number | null, over: Partial<QuotaWindow> = {}): QuotaSample[] {
  const out: QuotaSample[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * 60_000) {
    const usedPct = pct((t - Date.parse(from)) / 3600_000);
    out.push({ ...zaiWindow(over), id: out.length + 1, at: new Date(t).toISOString(), usedPct });
  }
  return out;
}

import { createRequire } from "node:module";

/** One metric family as parse-prometheus-text-format returns it (prom2json's shape). */
export interface MetricFamily {
  name: string;
  help: string;
  type: string;
  metrics: Array<{ value?: string; labels?: Record<string, string> }>;
}

// A third-party parser, so the test does not read the format the way the producer wrote it.
const parse = createRequire(import.meta.url)("parse-prometheus-text-format") as (text: string) => MetricFamily[];

export function parsePrometheus(text: string): Map<string, MetricFamily> {
  return new Map(parse(text).map((f) => [f.name, f]));
}

/** The value of the sample with exactly these labels, as a number (undefined when absent). */
export function sample(families: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  const m = families.get(name)?.metrics.find((x) => Object.entries(labels).every(([k, v]) => x.labels?.[k] === v) && Object.keys(x.labels ?? {}).length === Object.keys(labels).length);
  return m?.value === undefined ? undefined : Number(m.value);
}

import { formatPath } from "./format-issues.ts";
import { show } from "./messages.ts";

/**
 * Reports every entry whose `name` repeats an earlier one, naming both positions. It reads the
 * raw JSON rather than the parsed data so duplicates are reported even when another entry of
 * the same file has an unrelated error (the parsed data is then unavailable).
 */
export function duplicateNameProblems(file: string, listKey: string | readonly string[], raw: unknown, noun: string): string[] {
  const keys = typeof listKey === "string" ? [listKey] : listKey;
  // A nested list (guardian.params.facts): followed through objects; anything else is the schema's to report.
  const list = keys.reduce<unknown>((here, key) => (here !== null && typeof here === "object" && !Array.isArray(here) ? (here as Record<string, unknown>)[key] : undefined), raw);
  if (!Array.isArray(list)) return [];
  const firstIndex = new Map<string, number>();
  const problems: string[] = [];
  list.forEach((entry, index) => {
    const name = (entry as { name?: unknown } | null)?.name;
    if (typeof name !== "string") return;
    const earlier = firstIndex.get(name);
    if (earlier === undefined) {
      firstIndex.set(name, index);
      return;
    }
    const here = formatPath([...keys, index, "name"]);
    problems.push(`${file}: ${here}: duplicate ${noun} name ${show(name)} (also ${formatPath([...keys, earlier])})`);
  });
  return problems;
}

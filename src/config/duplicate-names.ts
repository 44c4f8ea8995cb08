import { formatPath } from "./format-issues.ts";

/**
 * Reports every entry whose `name` repeats an earlier one, naming both positions. It reads the
 * raw JSON rather than the parsed data so duplicates are reported even when another entry of
 * the same file has an unrelated error (the parsed data is then unavailable).
 */
export function duplicateNameProblems(file: string, listKey: string, raw: unknown, noun: string): string[] {
  if (raw === null || typeof raw !== "object") return [];
  const list = (raw as Record<string, unknown>)[listKey];
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
    const here = formatPath([listKey, index, "name"]);
    problems.push(`${file}: ${here}: duplicate ${noun} name ${JSON.stringify(name)} (also ${formatPath([listKey, earlier])})`);
  });
  return problems;
}

/** One edit of a line diff: kept, removed (old only) or added (new only). */
type Edit = { op: " " | "-" | "+"; line: string; a: number; b: number };

const CONTEXT = 3;

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** Longest-common-subsequence edit script: unit files are tens of lines, so O(n*m) is nothing. */
function edits(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) out.push({ op: " ", line: a[i]!, a: i++, b: j++ });
    // Removals before additions on a tie, as diff -u shows a replaced line.
    else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push({ op: "-", line: a[i]!, a: i++, b: j });
    else out.push({ op: "+", line: b[j]!, a: i, b: j++ });
  }
  return out;
}

/**
 * A unified diff (`---`/`+++`, `@@` hunks with 3 lines of context) from `before` to `after`;
 * "" when they are equal. Enough for an operator to read what a dry run would change, with no
 * diff library to carry.
 */
export function unifiedDiff(before: string, after: string, fromName: string, toName: string): string {
  const all = edits(splitLines(before), splitLines(after));
  const changed = all.map((e, k) => (e.op === " " ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return "";
  const hunks: Array<[number, number]> = [];
  for (const k of changed) {
    const start = Math.max(0, k - CONTEXT);
    const end = Math.min(all.length - 1, k + CONTEXT);
    const last = hunks.at(-1);
    if (last && start <= last[1] + 1) last[1] = end;
    else hunks.push([start, end]);
  }
  const out = [`--- ${fromName}`, `+++ ${toName}`];
  for (const [s, e] of hunks) {
    const part = all.slice(s, e + 1);
    const oldLen = part.filter((x) => x.op !== "+").length;
    const newLen = part.filter((x) => x.op !== "-").length;
    const oldStart = oldLen === 0 ? part[0]!.a : part[0]!.a + 1;
    const newStart = newLen === 0 ? part[0]!.b : part[0]!.b + 1;
    out.push(`@@ -${oldStart},${oldLen} +${newStart},${newLen} @@`, ...part.map((x) => `${x.op}${x.line}`));
  }
  return `${out.join("\n")}\n`;
}

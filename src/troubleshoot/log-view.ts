import type { Tail } from "./tail-file.ts";

/** What `logs` answers: the lines, where they came from, and whether anything was cut. */
export interface LogView {
  source: "dispatch" | "oyster" | "task";
  path: string;
  requested: number;
  lines: string[];
  fileBytes: number;
  /** output-cap: the 256 KB answer limit; scan-limit: a filter looked through 64 MB and stopped. */
  cut: Tail["cut"];
  /** The CLI line that shows all of it (Slack's cut note). */
  command: string;
  filter?: { level: string | null; job: string | null };
}

const CUT_NOTE: Record<Exclude<Tail["cut"], "none">, string> = {
  "output-cap": "output capped at 256 KB",
  "scan-limit": "stopped looking after the last 64 MB of the file",
};

export function logViewText(v: LogView): string {
  const body = v.lines.length > 0 ? v.lines.join("\n") : `(no ${v.filter ? "matching " : ""}lines in ${v.path})`;
  return v.cut === "none" ? body : `${body}\n-- ${v.lines.length} of ${v.requested} lines: ${CUT_NOTE[v.cut]}`;
}

export function logViewTitle(v: LogView): string {
  return `${v.path}: last ${v.lines.length} line${v.lines.length === 1 ? "" : "s"}`;
}

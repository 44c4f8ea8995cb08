import { displayWidth } from "../render/paint.ts";
import type { HelpEntry } from "../command/help-format.ts";
import { EXIT_CODES } from "./exit-codes.ts";
import { wrapUsage, wrapWords } from "./wrap.ts";

/** The widest a flag's label may be before its description moves to the next line. */
const LABEL_MAX = 24;

/** Flags shared by every command (src/cli/split-argv.ts), after the command's own. */
function sharedFlags(entry: HelpEntry): Array<{ flag: string; description: string }> {
  return [
    { flag: "--json", description: "print one JSON document on stdout instead of text" },
    ...(entry.changesState ? [{ flag: "--yes, -y", description: "run without asking for confirmation (a script)" }] : []),
    { flag: "--help, -h", description: "this page" },
  ];
}

/** Two columns, the second wrapped; a label too wide for the first puts its text on the next line. */
function columns(rows: Array<{ label: string; text: string }>, width: number): string[] {
  const labelWidth = Math.min(LABEL_MAX, Math.max(...rows.map((r) => displayWidth(r.label))));
  const indent = " ".repeat(2 + labelWidth + 2);
  return rows.flatMap(({ label, text }) => {
    if (displayWidth(label) > labelWidth) return [`  ${label}`, ...wrapWords(text, width, indent)];
    return wrapWords(text, width, `  ${label}${" ".repeat(labelWidth - displayWidth(label))}  `, indent);
  });
}

/**
 * `oyster help <command>`: usage, what it does, its options, the role each form needs, examples and
 * the exit codes, fitted to `width` columns.
 */
export function helpDetailText(entry: HelpEntry, width: number): string {
  const options = [...(entry.options ?? []), ...sharedFlags(entry)];
  const roleLines =
    entry.roleForms.length === 0
      ? wrapWords(`${entry.role}`, width, "Role: ", "  ")
      : [
          ...wrapWords(`${entry.role} (the forms not listed here)`, width, "Role: ", "  "),
          ...columns(entry.roleForms.map((f) => ({ label: f.role, text: f.form })), width),
        ];
  const examples = entry.examples ?? [];
  return [
    ...wrapUsage(entry.usage, width, "usage: oyster ", "         "),
    "",
    ...wrapWords(entry.summary, width),
    "",
    "Options:",
    ...columns(options.map((o) => ({ label: o.flag, text: o.description })), width),
    "",
    ...roleLines,
    ...(examples.length ? ["", "Examples:", ...examples.flatMap((e) => wrapWords(`oyster ${e}`, width, "  ", "      "))] : []),
    "",
    "Exit codes:",
    ...columns(EXIT_CODES.map((c) => ({ label: String(c.code), text: c.meaning })), width),
  ].join("\n");
}

import { displayWidth } from "../render/paint.ts";
import type { HelpEntry } from "../command/help-format.ts";
import type { Translate } from "../locale/index.ts";
import { EXIT_CODES } from "./exit-codes.ts";
import { wrapUsage, wrapWords } from "./wrap.ts";

/** The widest a flag's label may be before its description moves to the next line. */
const LABEL_MAX = 24;

/** Flags shared by every command (src/cli/split-argv.ts), after the command's own. */
function sharedFlags(entry: HelpEntry, t: Translate): Array<{ flag: string; description: string }> {
  return [
    { flag: "--json", description: t("help.flag.json") },
    ...(entry.changesState ? [{ flag: "--yes, -y", description: t("help.flag.yes") }] : []),
    { flag: "--help, -h", description: t("help.flag.help") },
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
 * the exit codes, fitted to `width` columns, headings and fixed text in `t`'s language (the entry
 * comes already in it: src/help/localize.ts).
 */
export function helpDetailText(entry: HelpEntry, width: number, t: Translate): string {
  const options = [...(entry.options ?? []), ...sharedFlags(entry, t)];
  const role = t("help.detail.role");
  const usage = t("help.detail.usage");
  const roleLines =
    entry.roleForms.length === 0
      ? wrapWords(`${entry.role}`, width, role, "  ")
      : [
          ...wrapWords(t("help.detail.roleOthers", { role: entry.role }), width, role, "  "),
          ...columns(entry.roleForms.map((f) => ({ label: f.role, text: f.form })), width),
        ];
  const examples = entry.examples ?? [];
  return [
    // Continuation lines two deeper than where the command's name starts.
    ...wrapUsage(entry.usage, width, usage, " ".repeat(displayWidth(usage) - "oyster ".length + 2)),
    "",
    ...wrapWords(entry.summary, width),
    "",
    t("help.detail.options"),
    ...columns(options.map((o) => ({ label: o.flag, text: o.description })), width),
    "",
    ...roleLines,
    ...(examples.length ? ["", t("help.detail.examples"), ...examples.flatMap((e) => wrapWords(`oyster ${e}`, width, "  ", "      "))] : []),
    "",
    t("help.detail.exitCodes"),
    ...columns(EXIT_CODES.map((c) => ({ label: String(c.code), text: t(c.meaning) })), width),
  ].join("\n");
}

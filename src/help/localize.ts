import type { HelpEntry } from "../command/help-format.ts";
import type { Locale } from "../locale/index.ts";
import { commandHelp, type CommandHelp } from "../locale/zh-CN/command-help.ts";

/** Each language's summaries and option descriptions; English is the commands' own (absent here). */
const BY_LOCALE: Partial<Record<Locale, Record<string, CommandHelp>>> = { "zh-CN": commandHelp };

/** `--node` from `-n, --node NAME`: the option a help line's flag names. */
export function optionName(flag: string): string | undefined {
  return /--([^\s=]+)/.exec(flag)?.[1];
}

/**
 * A help entry with its summary and option descriptions in `locale`, as text shows them (--json
 * keeps the English data). Anything without a translation stays English.
 */
export function localizeEntry(entry: HelpEntry, locale: Locale): HelpEntry {
  const own = BY_LOCALE[locale]?.[entry.name];
  if (!own) return entry;
  return {
    ...entry,
    summary: own.summary,
    ...(entry.options
      ? { options: entry.options.map((o) => ({ ...o, description: own.options?.[optionName(o.flag) ?? ""] ?? o.description })) }
      : {}),
  };
}

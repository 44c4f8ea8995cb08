import { wrapUsage, wrapWords } from "../help/wrap.ts";
import { helpDetailText } from "../help/detail.ts";
import { localizeEntry } from "../help/localize.ts";
import { translator } from "../locale/index.ts";
import { escapeMrkdwn } from "../render/escape.ts";
import type { View } from "../render/view.ts";
import { MESSAGE_BLOCKS_MAX, SECTION_TEXT_CUT } from "../slack/render/limits.ts";
import type { Role } from "./types.ts";

export interface HelpEntry {
  name: string;
  usage: string;
  summary: string;
  /** The least role that runs some form of the command. */
  role: Role;
  /** The forms that need more than `role` (`--send`: operator); empty when one role runs every form. */
  roleForms: Array<{ form: string; role: Role }>;
  changesState: boolean;
  /** `help <command>` only: the command's flags (`--node NAME`) and what each does. */
  options?: Array<{ flag: string; description: string }>;
  /** `help <command>` only: invocations after `oyster `. */
  examples?: string[];
}

export interface HelpData {
  commands: HelpEntry[];
}

const ROLE_WIDTH = "operator".length;

/** `operator: start, stop`: the stronger forms grouped by role, in the order given. */
export function formsText(forms: HelpEntry["roleForms"]): string {
  const byRole = new Map<Role, string[]>();
  for (const f of forms) byRole.set(f.role, [...(byRole.get(f.role) ?? []), f.form]);
  return [...byRole].map(([role, names]) => `${role}: ${names.join(", ")}`).join("; ");
}

/** Narrower than this, a terminal is not worth fitting: lines are cut at this width instead. */
const MIN_COLUMNS = 30;

/**
 * The CLI's list, fitted to the terminal (`view.columns`): each command's role and usage (broken
 * at ` | ` when wider than the terminal, the rest indented), its summary wrapped under it, then the
 * forms that need more. `help <command>` shows the one command in full (src/help/detail.ts).
 */
export function helpText(data: HelpData, view?: Pick<View, "columns" | "locale" | "t">, args?: { command?: string }): string {
  const width = Math.max(MIN_COLUMNS, view?.columns ?? 80);
  const locale = view?.locale ?? "en";
  const t = view?.t ?? translator(locale);
  // In the reader's language; --json keeps the English data.
  const entries = data.commands.map((c) => localizeEntry(c, locale));
  if (args?.command !== undefined && entries.length === 1) return helpDetailText(entries[0]!, width, t);
  const indent = " ".repeat(2 + ROLE_WIDTH + 2);
  const lines = entries.flatMap((c) => [
    ...wrapUsage(c.usage, width, `  ${c.role.padEnd(ROLE_WIDTH)}  `, `${indent}    `),
    ...wrapWords(c.summary, width, indent),
    ...(c.roleForms.length ? wrapWords(formsText(c.roleForms), width, indent, `${indent}  `) : []),
  ]);
  const header = [t("help.usage"), t("help.oneCommand")];
  return [...header.flatMap((h) => wrapWords(h, width, "", "  ")), ...wrapWords(t("help.legend"), width), "", ...lines].join("\n");
}

/**
 * Slack: one entry per command (usage, role, the forms that need more, summary), packed into as
 * few sections as fit Slack's limits; the usage lines become `/oyster` ones.
 */
export function helpBlocks(data: HelpData, view?: Pick<View, "locale" | "t">): unknown[] {
  const locale = view?.locale ?? "en";
  const t = view?.t ?? translator(locale);
  const entries = data.commands.map((command) => {
    const c = localizeEntry(command, locale);
    const forms = c.roleForms.length ? ` (${escapeMrkdwn(formsText(c.roleForms))})` : "";
    return `\`/oyster ${escapeMrkdwn(c.usage)}\`\n*${c.role}*${forms}: ${escapeMrkdwn(c.summary)}`;
  });
  const texts: string[] = [t("help.slackHeading")];
  for (const entry of entries) {
    const last = texts.length - 1;
    const joined = `${texts[last]}\n\n${entry}`;
    if (last > 0 && joined.length <= SECTION_TEXT_CUT) texts[last] = joined;
    else texts.push(entry.slice(0, SECTION_TEXT_CUT));
  }
  return texts.slice(0, MESSAGE_BLOCKS_MAX).map((text) => ({ type: "section", text: { type: "mrkdwn", text } }));
}

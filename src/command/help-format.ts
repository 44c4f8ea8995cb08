import { escapeMrkdwn } from "../render/escape.ts";
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

/** The CLI's list: role, usage, summary; a line under a command names its forms that need more. */
export function helpText(data: HelpData): string {
  const width = Math.max(...data.commands.map((c) => c.usage.length));
  const indent = " ".repeat(2 + ROLE_WIDTH + 2);
  const lines = data.commands.flatMap((c) => [
    `  ${c.role.padEnd(ROLE_WIDTH)}  ${c.usage.padEnd(width)}  ${c.summary}`,
    ...(c.roleForms.length ? [`${indent}${formsText(c.roleForms)}`] : []),
  ]);
  return [
    "usage: oyster <command> [args] [--json] [--yes]",
    "ROLE is the least role a command needs (viewer < operator < admin); a line under a command names the forms that need more.",
    "",
    ...lines,
  ].join("\n");
}

/**
 * Slack: one entry per command (usage, role, the forms that need more, summary), packed into as
 * few sections as fit Slack's limits; the usage lines become `/oyster` ones.
 */
export function helpBlocks(data: HelpData): unknown[] {
  const entries = data.commands.map((c) => {
    const forms = c.roleForms.length ? ` (${escapeMrkdwn(formsText(c.roleForms))})` : "";
    return `\`/oyster ${escapeMrkdwn(c.usage)}\`\n*${c.role}*${forms}: ${escapeMrkdwn(c.summary)}`;
  });
  const texts: string[] = ["Commands you may run here, with the least role each needs (viewer < operator < admin):"];
  for (const entry of entries) {
    const last = texts.length - 1;
    const joined = `${texts[last]}\n\n${entry}`;
    if (last > 0 && joined.length <= SECTION_TEXT_CUT) texts[last] = joined;
    else texts.push(entry.slice(0, SECTION_TEXT_CUT));
  }
  return texts.slice(0, MESSAGE_BLOCKS_MAX).map((text) => ({ type: "section", text: { type: "mrkdwn", text } }));
}

import { createHash } from "node:crypto";
import { remoteJoin, shellWord } from "../ssh/quote.ts";
import { HOOK_FILE, HOOK_MODE } from "./claude-statusline-hook-py.ts";
import type { ProbedDir } from "./probe-py.ts";
import type { HookDecision } from "./types.ts";

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Any status line that runs an Oyster hook (this dir's or another path's): it is never saved as
 * "previous", or the hook would chain to itself.
 */
export function isOurStatusLine(value: unknown): boolean {
  return isObject(value) && typeof value.command === "string" && value.command.includes(HOOK_FILE);
}

/** The command settings.json gets: the absolute path, quoted only when it needs to be. */
export function hookCommand(path: string): string {
  return `python3 ${shellWord(remoteJoin(path, HOOK_FILE))}`;
}

/** The saved-previous file's text: data for the hook, never spliced into a script. */
export function savedText(previous: unknown): string {
  return `${JSON.stringify({ version: 1, previous: previous ?? null }, null, 2)}\n`;
}

function refuse(base: Omit<HookDecision, "error">, error: string): HookDecision {
  return { ...base, error };
}

/**
 * What to change in one dir, from what the probe read and the shipped hook. Only what differs:
 * the hook when its hash or mode differ; the previous status line when the current one is not
 * ours (and the saved file does not already hold it); `statusLine` when it does not already run
 * this hook. A second run therefore changes nothing. The other keys of the old `statusLine`
 * (`padding`) are kept: they are how the user's line is shown.
 */
export function decideDir(probed: ProbedDir, accounts: string[], hookText: string): HookDecision {
  const command = hookCommand(probed.path);
  const hook = probed.hook.sha256 === null ? "new" : probed.hook.sha256 === sha256(hookText) && probed.hook.mode === HOOK_MODE ? "same" : "changed";
  const settingsText = probed.settings.text;
  const base = {
    accounts, dir: probed.dir, path: probed.path, hook,
    statusLine: { before: null, after: { type: "command", command }, change: false },
    settingsSha: settingsText === null ? null : sha256(settingsText),
  } satisfies Omit<HookDecision, "error">;
  if (!probed.isDir) return refuse(base, `no directory ${probed.path} on the node: is Claude Code set up there, and is the account's dir right?`);
  if (probed.settings.error) return refuse(base, `${remoteJoin(probed.path, "settings.json")}: ${probed.settings.error}; nothing changed`);
  let settings: unknown = {};
  if (settingsText !== null) {
    try {
      settings = JSON.parse(settingsText);
    } catch (err) {
      return refuse(base, `${remoteJoin(probed.path, "settings.json")} is not valid JSON (${(err as Error).message}): fix it by hand; nothing changed`);
    }
  }
  if (!isObject(settings)) return refuse(base, `${remoteJoin(probed.path, "settings.json")} is not a JSON object: fix it by hand; nothing changed`);

  const before = settings.statusLine ?? null;
  const after = { ...(isObject(before) ? before : {}), type: "command", command };
  const change = !(isObject(before) && before.type === "command" && before.command === command);
  const decision: HookDecision = { ...base, statusLine: { before, after, change } };
  if (!isOurStatusLine(before) && savedText(before) !== probed.saved.text) decision.savePrevious = { previous: before };
  return decision;
}

export function needsWork(d: HookDecision): boolean {
  return d.hook !== "same" || d.savePrevious !== undefined || d.statusLine.change;
}

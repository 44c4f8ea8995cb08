import { oneLine } from "../../src/render/one-line.ts";
import { scrub } from "../../src/secrets/index.ts";
import type { SshPool } from "../../src/ssh/index.ts";
import { readJournal } from "../../src/units/journal.ts";

/** Journal lines an incident carries per unit: enough for a crash's last words, short enough for an alert. */
export const INCIDENT_JOURNAL_LINES = 5;

/**
 * The newest journal lines of a unit as one line for an incident's detail (and so its alert).
 * Read when the unit is found down, not only when a fix fails: once the fix budget is spent the
 * alert is still updated every run, and must still say why the unit dies. Alerts are not scrubbed
 * on their way out, so the lines are scrubbed here.
 */
export async function journalNote(ssh: Pick<SshPool, "exec">, node: string, unit: string, secrets: readonly string[]): Promise<string> {
  return scrub(await note(ssh, node, unit), secrets);
}

async function note(ssh: Pick<SshPool, "exec">, node: string, unit: string): Promise<string> {
  try {
    const j = await readJournal(ssh, node, unit, INCIDENT_JOURNAL_LINES);
    const lines = j.lines.filter((l) => l.trim() && l !== "-- No entries --").map((l) => oneLine(l, 240));
    return lines.length ? `journal: ${lines.join(" | ")}` : `journal: no entries${j.stderr ? ` (${oneLine(j.stderr, 160)})` : ""}`;
  } catch (err) {
    return `journal unreadable: ${(err as Error).message}`;
  }
}

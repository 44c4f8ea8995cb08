import type { SshPool } from "../ssh/index.ts";
import { shellQuote } from "../ssh/index.ts";

/** `--lines`: how far back `units <node> <unit>` reads, and its bounds. */
export const JOURNAL_LINES = { min: 1, max: 1000, default: 50 };

/** What is shown of a journal at most: the newest lines that fit (a chat reply, a terminal). */
export const JOURNAL_MAX_BYTES = 64 * 1024;

export interface Journal {
  unit: string;
  /** Newest last, as journalctl prints them. */
  lines: string[];
  /** Older lines were dropped to stay within JOURNAL_MAX_BYTES. */
  truncated: boolean;
  /** What journalctl said on stderr (no permission to read the journal, no such unit, ...). */
  stderr?: string;
  code: number | null;
}

type Exec = Pick<SshPool, "exec">;

/**
 * `tail -c` on the node keeps the newest bytes, so the cap never costs the lines an operator
 * reads a journal for, and a runaway unit cannot flood the connection. short-iso with TZ=UTC:
 * the times read the same whatever the node's zone. journalctl's own exit code is lost to the
 * pipe; its stderr is kept and shown.
 */
export function journalCommand(unit: string, lines: number): string {
  if (!Number.isInteger(lines) || lines < JOURNAL_LINES.min || lines > JOURNAL_LINES.max) throw new RangeError(`journal lines: ${lines}`);
  return `TZ=UTC journalctl -u ${shellQuote(unit)} -n ${lines} --no-pager -o short-iso | tail -c ${JOURNAL_MAX_BYTES + 1}`;
}

/** One byte over the cap means it was cut: the first line, probably partial, goes too. */
export function clipJournal(stdout: string): { lines: string[]; truncated: boolean } {
  const truncated = Buffer.byteLength(stdout) > JOURNAL_MAX_BYTES;
  const lines = stdout.replace(/\n$/, "").split("\n");
  if (truncated) lines.shift();
  return { lines: lines.length === 1 && lines[0] === "" ? [] : lines, truncated };
}

export async function readJournal(ssh: Exec, node: string, unit: string, lines: number): Promise<Journal> {
  const r = await ssh.exec(node, journalCommand(unit, lines), { maxOutputBytes: JOURNAL_MAX_BYTES + 1 });
  const clipped = clipJournal(r.stdout);
  const stderr = r.stderr.trim();
  return { unit, ...clipped, code: r.code, ...(stderr ? { stderr: stderr.slice(0, 2000) } : {}) };
}

/**
 * Several commands in one exec, each between marker lines that carry its exit status, so one
 * round trip answers what used to need several and each part is still read on its own terms.
 */
const MARK = "@@oyster";
const BEGIN = /^@@oyster begin ([a-z-]+)$/;
const END = /^@@oyster end ([a-z-]+) (\d+)$/;

export interface Section {
  body: string;
  /** The part's exit status; null when its end marker never came (output cut short). */
  code: number | null;
}

/**
 * `command` as one marked part. The end marker starts with a newline because the part's output
 * may not end in one; the stray empty line that leaves is dropped when read back.
 */
export function sectionCommand(name: string, command: string, statusVar?: string): string {
  if (!/^[a-z][a-z-]*$/.test(name)) throw new Error(`bad section name ${name}`);
  if (statusVar !== undefined && !/^[a-z_]+$/.test(statusVar)) throw new Error(`bad variable name ${statusVar}`);
  // With `statusVar`, the part's exit status is also left in that shell variable for what follows.
  const status = statusVar ? `${statusVar}=$?; printf '\\n${MARK} end ${name} %s\\n' "$${statusVar}"` : `printf '\\n${MARK} end ${name} %s\\n' "$?"`;
  return `printf '${MARK} begin ${name}\\n'; { ${command}; }; ${status}`;
}

export function splitSections(stdout: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  let open: { name: string; lines: string[] } | null = null;
  const close = (code: number | null) => {
    if (!open) return;
    const lines = open.lines;
    if (code !== null && lines.at(-1) === "") lines.pop();
    sections.set(open.name, { body: lines.join("\n"), code });
    open = null;
  };
  for (const line of stdout.split(/\r?\n/)) {
    const begin = BEGIN.exec(line);
    const end = END.exec(line);
    if (begin) {
      close(null);
      open = { name: begin[1] as string, lines: [] };
    } else if (end && open && end[1] === open.name) {
      close(Number(end[2]));
    } else if (open) {
      open.lines.push(line);
    }
  }
  close(null);
  return sections;
}

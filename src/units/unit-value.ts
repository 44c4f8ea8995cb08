import { CONTROL_CHAR_RE } from "../config/fields.ts";

// What a value substituted into a unit template may not hold, because systemd would read it as
// syntax rather than as the value. Seen: `systemd.vars.x = "...\"` ahead of a `User=` line made
// systemd join the two lines, swallowing `User=`, and the service would have run as root.
//  - a newline or another control character: ends the line (a second ExecStart=, say);
//  - `\`: at a line's end it joins the next line to this one; elsewhere it starts an escape in
//    ExecStart= and Environment= (`\n`, `\x..`);
//  - `%`: a specifier (`%h`, `%n`, `%u`...), expanded in nearly every setting.
// Refused, not escaped: a value that needs any of these belongs in the template itself.

/** Why `value` cannot go into a unit file, or null when it can. */
export function unitValueProblem(value: string): string | null {
  if (CONTROL_CHAR_RE.test(value)) return "holds a newline or another control character, which would end or break the unit's line";
  if (value.endsWith("\\")) return "ends in \\, which makes systemd join the unit's next line to this one";
  if (value.includes("\\")) return "holds \\, which systemd reads as an escape (and at a line's end as joining the next line)";
  if (value.includes("%")) return "holds %, which systemd reads as a specifier (%h, %n, ...); write specifiers in the template itself";
  return null;
}

/** Every value that cannot go into a unit, as `<label>: <value as JSON> <why>` lines. */
export function unitValueProblems(values: Readonly<Record<string, string>>, label: (name: string) => string): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const why = unitValueProblem(value);
    if (why !== null) problems.push(`${label(name)}: ${JSON.stringify(value)} ${why}`);
  }
  return problems;
}

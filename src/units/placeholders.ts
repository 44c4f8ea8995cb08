import { OysterError } from "../errors.ts";
import { unitValueProblem } from "./unit-value.ts";

/** What every template may use without configuring anything; `systemd.vars` adds to these. */
export const BUILTIN_PLACEHOLDERS = ["node", "user", "home", "dispatchDir"] as const;

// `{name}` is ours; `${name}` is systemd's own environment expansion (and the shell's), so a
// template can use both without escaping. Anything else in braces is left as written.
const PLACEHOLDER_RE = /(\$?)\{([A-Za-z][A-Za-z0-9_]*)\}/g;

// systemd's comment lines are left alone, so a template can explain its placeholders by name.
const isComment = (line: string) => /^\s*[#;]/.test(line);

/** A template's text and where it came from, for messages that name file and line. */
export interface TemplateSource {
  file: string;
  text: string;
}

/**
 * Every placeholder the template uses that is not in `known`, as config problems
 * (`<file>: line N: ...`), so an operator's typo is caught before anything is sent.
 */
export function unknownPlaceholderProblems(template: TemplateSource, known: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const list = [...known].sort().map((k) => `{${k}}`).join(" ");
  template.text.split("\n").forEach((line, i) => {
    if (isComment(line)) return;
    for (const m of line.matchAll(PLACEHOLDER_RE)) {
      if (m[1] === "$" || known.has(m[2]!)) continue;
      problems.push(`${template.file}: line ${i + 1}: unknown placeholder {${m[2]}} (known: ${list})`);
    }
  });
  return problems;
}

/**
 * Fills the placeholders. Every value is refused if systemd would read it as syntax (a newline,
 * a trailing `\`, a `%` specifier: unit-value.ts): it could add a line (a second ExecStart=) or
 * swallow one (`User=`) in a unit that runs as root. The config's values were refused before any
 * connection; this also holds for what comes from the node (its home). Unknown placeholders
 * were refused up front; one here is a bug, not a typo.
 */
export function renderTemplate(text: string, values: Readonly<Record<string, string>>): string {
  for (const [name, value] of Object.entries(values)) {
    const why = unitValueProblem(value);
    if (why !== null) {
      throw new OysterError("InvalidArgument", `refusing to render a unit: {${name}} ${JSON.stringify(value)} ${why}`, { placeholder: name });
    }
  }
  const fill = (line: string) =>
    isComment(line)
      ? line
      : line.replace(PLACEHOLDER_RE, (whole, dollar: string, name: string) => {
          if (dollar === "$") return whole;
          const value = values[name];
          if (value === undefined) throw new OysterError("Internal", `no value for placeholder {${name}}`, { placeholder: name });
          return value;
        });
  return text.split("\n").map(fill).join("\n");
}

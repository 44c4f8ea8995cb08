import type { ConfigError, OysterError } from "../errors.ts";
import { terminalText } from "../render/terminal-text.ts";

export interface Out {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
}

/** One JSON document on stdout, nothing else. */
export function printJson(out: Out, doc: unknown): void {
  out.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}

export function printError(out: Out, err: OysterError, json: boolean): void {
  if (json) printJson(out, { ok: false, error: { code: err.code, message: err.message } });
  // A message may quote a node's stderr or a file's text: the terminal shows it, never obeys it.
  else out.stderr.write(`oyster: ${terminalText(err.message)}\n`);
}

/** Config problems always go to stderr, one per line, as `file: path: message`. */
export function printConfigError(out: Out, err: ConfigError, json: boolean): void {
  out.stderr.write(`${terminalText(err.problems.join("\n"))}\n`);
  if (json) printJson(out, { ok: false, error: { code: err.code, message: err.message, problems: err.problems } });
}

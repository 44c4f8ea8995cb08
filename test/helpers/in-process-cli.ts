// `oyster <args>` run in this process, as a terminal (or a script) would, with the confirmation
// prompt's stdin either no terminal at all or a terminal that answers.
import { PassThrough } from "node:stream";
import { runCli } from "../../src/cli.ts";
import type { ConfirmIo } from "../../src/cli/confirm.ts";
import { captureOutput } from "./capture-output.ts";

export type InProcessCli = (args: string[], io?: ConfirmIo) => Promise<{ code: number; stdout: string; stderr: string; doc: any }>;

/** stdin that is not a terminal: a command that must confirm refuses (exit 3) unless --yes. */
export function notTerminal(): ConfirmIo {
  return { input: new PassThrough(), output: new PassThrough() };
}

/** A terminal that answers `answer` to the prompt; `shown` collects what was printed to it. */
export function terminal(answer: string): ConfirmIo & { shown(): string } {
  const input = new PassThrough() as PassThrough & { isTTY?: boolean };
  input.isTTY = true;
  const output = new PassThrough();
  let text = "";
  output.on("data", (d: Buffer) => {
    text += d.toString();
    if (text.includes("Proceed?")) input.write(`${answer}\n`);
  });
  return { input, output, shown: () => text };
}

/** The CLI in-process with this environment; `doc` is the parsed stdout when it is JSON. */
export function inProcessCli(env: NodeJS.ProcessEnv): InProcessCli {
  return async (args, io = notTerminal()) => {
    const c = captureOutput();
    const code = await runCli(args, { env, out: c.out, io });
    let doc: unknown;
    try {
      doc = JSON.parse(c.stdout);
    } catch {
      doc = undefined;
    }
    return { code, stdout: c.stdout, stderr: c.stderr, doc };
  };
}

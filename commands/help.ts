import { z } from "zod";
import { helpBlocks, helpText, type HelpData } from "../src/command/help-format.ts";
import { quoteWord } from "../src/command/quote-word.ts";
import { leastRole, mayRun, strongerForms } from "../src/command/roles.ts";
import { defineCommand, type AnyCommand } from "../src/command/types.ts";
import { OysterError } from "../src/errors.ts";

export type { HelpData };

/** `--node NAME`: a string option's value named as its usage names it (`--since 24h`), else VALUE. */
function optionsOf(cmd: AnyCommand): Array<{ flag: string; description: string }> {
  return Object.entries(cmd.options ?? {}).map(([name, spec]) => {
    const value = spec.type === "string" ? ` ${new RegExp(`--${name} ([^\\s\\]|)]+)`).exec(cmd.usage)?.[1] ?? "VALUE"}` : "";
    return { flag: `${spec.short ? `-${spec.short}, ` : ""}--${name}${value}`, description: spec.description };
  });
}

export const help = defineCommand({
  name: "help",
  summary: "The commands you may run, with their usage and the role each needs",
  usage: "help [command]",
  schema: z.object({ _: z.array(z.string()).max(1, { message: "give at most one command name" }) }).transform((a) => ({ command: a._[0] })),
  role: "viewer",
  changesState: false,
  standalone: true,
  // A name that is no command is refused before the run, so Slack (which audits every run) does
  // not record it as one.
  validate(ctx, args) {
    if (args.command !== undefined && !ctx.commands.some((c) => c.name === args.command)) {
      throw new OysterError("UnknownCommand", `unknown command ${quoteWord(args.command)}; run "oyster help" for the list`, { command: args.command.slice(0, 200) });
    }
  },
  async run(ctx, args) {
    // Slack lists what the caller may run (some form of) there; the CLI may run everything.
    const mine = ctx.commands.filter((c) => mayRun(ctx.caller.role, leastRole(c)) && !(ctx.caller.via === "slack" && c.slack === false));
    const chosen = args.command ? mine.filter((c) => c.name === args.command) : mine;
    if (args.command && chosen.length === 0) {
      throw new OysterError("UnknownCommand", `unknown command ${quoteWord(args.command)}; run "oyster help" for the list`, { command: args.command });
    }
    const data: HelpData = {
      commands: chosen.map((c) => ({
        name: c.name,
        usage: c.usage,
        summary: c.summary,
        role: leastRole(c),
        roleForms: strongerForms(c),
        changesState: typeof c.changesState === "function" || c.changesState,
        // One command asked for: everything its page shows.
        ...(args.command ? { options: optionsOf(c), examples: c.examples ?? [] } : {}),
      })),
    };
    return { ok: true, data };
  },
  text: (data, view, args) => helpText(data, view, args),
  blocks: helpBlocks,
});

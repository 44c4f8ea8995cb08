import { z } from "zod";
import { defineCommand, entryRole, ROLE_RANK } from "../src/command/types.ts";
import { OysterError } from "../src/errors.ts";

export interface HelpData {
  commands: Array<{ name: string; usage: string; summary: string; role: string; changesState: boolean }>;
}

export const help = defineCommand({
  name: "help",
  summary: "The commands you may run, with their usage",
  usage: "help [command]",
  schema: z.object({ _: z.array(z.string()).max(1, { message: "give at most one command name" }) }).transform((a) => ({ command: a._[0] })),
  role: "viewer",
  changesState: false,
  standalone: true,
  async run(ctx, args) {
    const mine = ctx.commands.filter((c) => ROLE_RANK[ctx.caller.role] >= ROLE_RANK[entryRole(c)] && !(ctx.caller.via === "slack" && c.slack === false));
    const chosen = args.command ? mine.filter((c) => c.name === args.command) : mine;
    if (args.command && chosen.length === 0) {
      throw new OysterError("UnknownCommand", `unknown command "${args.command}"; run "oyster help" for the list`, { command: args.command });
    }
    return {
      ok: true,
      data: {
        commands: chosen.map((c) => ({ name: c.name, usage: c.usage, summary: c.summary, role: entryRole(c), changesState: typeof c.changesState === "function" || c.changesState })),
      },
    };
  },
  text(data: HelpData) {
    const width = Math.max(...data.commands.map((c) => c.usage.length));
    const lines = data.commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
    return ["usage: oyster <command> [args] [--json] [--yes]", "", ...lines].join("\n");
  },
});

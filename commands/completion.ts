import { z } from "zod";
import { bashScript, fishScript, grammarOf, NAME_KINDS, SHELLS, zshScript, type NameKind, type Shell } from "../src/completion/index.ts";
import { defineCommand, type AnyCommand } from "../src/command/types.ts";
import { readEnvOptions } from "../src/env.ts";
import { OysterError } from "../src/errors.ts";

export type CompletionData = { shell: Shell; script: string } | { kind: NameKind; names: string[] };

const INSTALL: Record<Shell, string> = {
  bash: "source <(oyster completion bash)   # in ~/.bashrc, or: oyster completion bash > ~/.local/share/bash-completion/completions/oyster",
  zsh: "source <(oyster completion zsh)   # in ~/.zshrc after compinit, or: oyster completion zsh > \"${fpath[1]}/_oyster\"",
  fish: "oyster completion fish > ~/.config/fish/completions/oyster.fish",
};

function script(shell: Shell, commands: readonly AnyCommand[]): string {
  const grammar = grammarOf(commands);
  if (shell === "bash") return bashScript(grammar);
  if (shell === "zsh") return zshScript(grammar);
  const describe = (name: string, flag?: string) => {
    const cmd = commands.find((c) => c.name === name);
    return flag ? cmd?.options?.[flag.replace(/^--/, "")]?.description : cmd?.summary;
  };
  return fishScript(grammar, describe);
}

export const completion = defineCommand({
  name: "completion",
  summary: "A completion script for bash, zsh or fish: commands, subcommands, flags, and node, project, unit, job and alert names",
  usage: "completion bash|zsh|fish",
  examples: ["completion bash", "completion zsh", "completion fish", "completion --names nodes"],
  options: {
    names: { type: "string", description: `what the scripts ask for as you type: the names of one kind (${NAME_KINDS.join(", ")}), one a line, from the config and state.db` },
  },
  schema: z
    .object({ _: z.array(z.enum(SHELLS, { message: `not a shell; one of ${SHELLS.join(", ")}` })).max(1, { message: "give one shell" }), names: z.enum(NAME_KINDS, { message: `one of ${NAME_KINDS.join(", ")}` }).optional() })
    .refine((a) => (a._.length === 1) !== (a.names !== undefined), { message: `give a shell (${SHELLS.join(", ")}) or --names KIND` })
    .transform((a): { names: NameKind } | { shell: Shell } => (a.names ? { names: a.names } : { shell: a._[0]! })),
  role: "viewer",
  changesState: false,
  // The script needs only the registry; --names reads the config and state.db itself, read-only
  // and best-effort, so a tab press never opens a log file or the SSH pool, never creates the
  // data dir, and never prints a config error into the middle of a command line.
  standalone: true,
  validate(ctx, args) {
    if ("names" in args && ctx.caller.via === "slack") throw new OysterError("InvalidArgument", "--names is what the shell's completion asks the CLI; in Slack, ask for a script: completion bash|zsh|fish");
  },
  async run(ctx, args): Promise<{ ok: boolean; data: CompletionData }> {
    if ("names" in args) {
      const { lookupNames } = await import("../src/completion/names.ts");
      const { configDir } = readEnvOptions(ctx.env);
      return { ok: true, data: { kind: args.names, names: await lookupNames(args.names, { configDir, dataDir: ctx.dataDir, env: ctx.env }) } };
    }
    return { ok: true, data: { shell: args.shell, script: script(args.shell, ctx.commands) } };
  },
  text(data) {
    return "names" in data ? data.names.join("\n") : data.script.trimEnd();
  },
  // A script pasted out of Slack is a script nobody checked: Slack says how to get it at the terminal.
  blocks(data) {
    const text = "names" in data ? data.names.join(", ") : `Run this on the machine where you use \`oyster\`:\n\`\`\`${INSTALL[data.shell]}\`\`\``;
    return [{ type: "section", text: { type: "mrkdwn", text } }];
  },
});

import type { AnyCommand } from "../command/types.ts";

/** Names the script asks `oyster completion --names <kind>` for, at completion time. */
export const NAME_KINDS = ["nodes", "projects", "units", "jobs", "alerts", "checks", "tags"] as const;
export type NameKind = (typeof NAME_KINDS)[number];

/** What one word may be: names of a kind, or a fixed list known when the script is made. */
export type Slot = { names: NameKind; repeat?: boolean } | { words: readonly string[]; repeat?: boolean };

export interface CommandGrammar {
  name: string;
  /** Words that pick a form (`restart daemon`); empty when the command has none. */
  subcommands: string[];
  /** The positional words after the command (`""`) or after each subcommand. */
  args: Record<string, Slot[]>;
  /** `--node` and the like: the flag and what its value is (`null`: a boolean flag, `""`: a value with nothing to offer). */
  flags: Array<{ flag: string; value: NameKind | "" | null }>;
}

const nodes: Slot = { names: "nodes", repeat: true };
const node: Slot = { names: "nodes" };

/**
 * The positional words of each command, by form, where its usage names something completion can
 * offer. A table rather than a parse of the usage lines: those are for people (`(nodes:
 * node...|--all|--tag T)`). A test holds every subcommand here to a word of the command's usage,
 * and a command not listed still completes its flags.
 */
export const POSITIONALS: Record<string, Record<string, Slot[]>> = {
  status: { "": [nodes] },
  nodes: { "": [], add: [], remove: [node], drain: [node], undrain: [node] },
  check: { "": [{ names: "checks" }] },
  restart: { dispatch: [{ names: "projects" }], guardian: [], daemon: [nodes], watcher: [nodes], service: [nodes, { names: "units" }] },
  ack: { "": [{ names: "alerts" }] },
  snooze: { "": [{ names: "alerts" }, { words: ["30m", "1h", "24h", "7d"] }] },
  silence: { add: [], list: [], remove: [] },
  sync: { "": [nodes] },
  run: { "": [{ names: "jobs" }] },
  quota: { "": [], history: [], watch: [] },
  "oci-grab": { start: [], status: [], stop: [] },
  "install-daemon": { "": [nodes] },
  "install-agent-hooks": { "": [nodes] },
  units: { "": [node, { names: "units" }] },
  logs: { dispatch: [], oyster: [], task: [{ names: "projects" }] },
  dispatch: { status: [{ names: "projects" }], start: [{ names: "projects" }], stop: [{ names: "projects" }] },
  outbox: { "": [], retry: [] },
  ps: { "": [node] },
  completion: { "": [{ words: ["bash", "zsh", "fish"] }] },
};

/** A flag's value by the flag's name, wherever it appears. */
const FLAG_VALUES: Record<string, NameKind> = { node: "nodes", tag: "tags", check: "checks", job: "jobs" };

/** Flags every command takes (src/cli/split-argv.ts). */
const SHARED_FLAGS = ["--json", "--yes", "--help"];

/** The registry as completion sees it: commands, their forms, their flags and what each word may be. */
export function grammarOf(commands: readonly AnyCommand[]): CommandGrammar[] {
  const names = commands.map((c) => c.name);
  return commands.map((cmd): CommandGrammar => {
    const args = POSITIONALS[cmd.name] ?? {};
    const own = Object.entries(cmd.options ?? {}).map(([name, spec]): CommandGrammar["flags"][number] => ({
      flag: `--${name}`,
      value: spec.type === "boolean" ? null : (FLAG_VALUES[name] ?? ""),
    }));
    // --yes only where there is something to confirm.
    const shared = SHARED_FLAGS.filter((f) => !own.some((o) => o.flag === f) && (f !== "--yes" || cmd.changesState !== false)).map((flag): CommandGrammar["flags"][number] => ({ flag, value: null }));
    const help: Record<string, Slot[]> = cmd.name === "help" ? { "": [{ words: names }] } : {};
    return { name: cmd.name, subcommands: Object.keys(args).filter((s) => s !== ""), args: { ...args, ...help }, flags: [...own, ...shared] };
  });
}

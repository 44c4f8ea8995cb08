import type { CommandGrammar, Slot } from "./grammar.ts";
import { fishQuote } from "./shell-quote.ts";

function candidates(slot: Slot): string {
  return "names" in slot ? `(__oyster_names ${slot.names})` : slot.words.join(" ");
}

/**
 * The fish script: `complete -c oyster` lines, one per command, form, flag and slot, with the
 * registry's summaries and option descriptions. Names come from `oyster completion --names`.
 */
export function fishScript(grammar: CommandGrammar[], describe: (command: string, flag?: string) => string | undefined): string {
  const lines: string[] = [];
  const desc = (text: string | undefined) => (text ? ` -d ${fishQuote(text.length > 60 ? `${text.slice(0, 57)}...` : text)}` : "");
  for (const g of grammar) {
    lines.push(`complete -c oyster -n __oyster_no_command -a ${fishQuote(g.name)}${desc(describe(g.name))}`);
    const on = `__oyster_on ${fishQuote(g.name)}`;
    if (g.subcommands.length) {
      lines.push(`complete -c oyster -n ${fishQuote(`__oyster_no_sub ${g.name} ${g.subcommands.join(" ")}`)} -a ${fishQuote(g.subcommands.join(" "))}`);
    }
    for (const [form, slots] of Object.entries(g.args)) {
      if (slots.length === 0) continue;
      const when = form === "" ? (g.subcommands.length ? `__oyster_no_sub ${g.name} ${g.subcommands.join(" ")}` : `__oyster_on ${g.name}`) : `__oyster_on ${g.name} ${form}`;
      for (const slot of slots) lines.push(`complete -c oyster -n ${fishQuote(when)} -a ${fishQuote(candidates(slot))}`);
    }
    for (const f of g.flags) {
      const name = f.flag.replace(/^--/, "");
      const value = f.value === null ? "" : f.value === "" ? " -r" : ` -r -a ${fishQuote(`(__oyster_names ${f.value})`)}`;
      lines.push(`complete -c oyster -n ${fishQuote(on)} -l ${fishQuote(name)}${value}${desc(describe(g.name, f.flag))}`);
    }
  }
  return `# oyster completion for fish (oyster completion fish).
#   oyster completion fish > ~/.config/fish/completions/oyster.fish
function __oyster_names
    command oyster completion --names $argv[1] 2>/dev/null
end
function __oyster_no_command
    test (count (commandline -opc)) -eq 1
end
# The command line is command $argv[1] (and has subcommand $argv[2], when given).
function __oyster_on
    set -l words (commandline -opc)
    test (count $words) -ge 2; and test "$words[2]" = "$argv[1]"; or return 1
    set -q argv[2]; or return 0
    contains -- $argv[2] $words[3..-1]
end
# The command line is command $argv[1] with none of its subcommands $argv[2..] yet.
function __oyster_no_sub
    set -l words (commandline -opc)
    test (count $words) -ge 2; and test "$words[2]" = "$argv[1]"; or return 1
    for w in $words[3..-1]
        contains -- $w $argv[2..-1]; and return 1
    end
    return 0
end
complete -c oyster -f
${lines.join("\n")}
`;
}

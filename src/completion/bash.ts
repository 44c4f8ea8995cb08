import type { CommandGrammar } from "./grammar.ts";
import { posixParts } from "./posix-parts.ts";

/**
 * The bash script: one `complete -F` function and its helpers, nothing from the bash-completion
 * package. Names come from `oyster completion --names <kind>` when a word needs them.
 */
export function bashScript(grammar: CommandGrammar[]): string {
  return `# oyster completion for bash (oyster completion bash).
#   ~/.bashrc:  source <(oyster completion bash)
#   or:         oyster completion bash > ~/.local/share/bash-completion/completions/oyster
${posixParts(grammar)}
_oyster() {
  _oyster_complete
}
complete -F _oyster oyster
`;
}

import type { CommandGrammar } from "./grammar.ts";
import { posixParts } from "./posix-parts.ts";

/**
 * The zsh script: zsh's own completion system (compdef, compadd), no bashcompinit. The walk is
 * the one bash runs (src/completion/posix-parts.ts), under ksh emulation for 0-based arrays.
 * Sourced, it registers itself; as `_oyster` in a directory on $fpath, compinit loads it.
 */
export function zshScript(grammar: CommandGrammar[]): string {
  return `#compdef oyster
# oyster completion for zsh (oyster completion zsh).
#   ~/.zshrc, after compinit:  source <(oyster completion zsh)
#   or:  oyster completion zsh > "\${fpath[1]}/_oyster"
${posixParts(grammar)}
_oyster() {
  emulate -L ksh
  local -a COMP_WORDS COMPREPLY
  COMP_WORDS=("\${words[@]}")
  local COMP_CWORD=$((CURRENT - 1))
  _oyster_complete
  (( \${#COMPREPLY[@]} )) && compadd -- "\${COMPREPLY[@]}"
  return 0
}
if [[ "\${funcstack[1]}" == "_oyster" ]]; then
  _oyster "$@"
else
  compdef _oyster oyster
fi
`;
}

import type { CommandGrammar, Slot } from "./grammar.ts";
import { printWords, shQuote } from "./shell-quote.ts";

/**
 * The functions bash and zsh share: the registry's words as `case` tables, and the walk over the
 * command line that decides what the word under the cursor may be. Written to run in bash and in
 * zsh under `emulate -L ksh` (0-based arrays), so there is one logic for both.
 *
 * Names are data: they are read line by line and compared as strings (`[[ $w == "$cur"* ]]`),
 * never passed through `compgen -W` or `eval`, which would expand `$(...)` in them.
 */
export function posixParts(grammar: CommandGrammar[]): string {
  const producers: string[] = [];
  const slotName = (slot: Slot): string => {
    if ("names" in slot) return `_oyster_names_${slot.names}`;
    producers.push(`_oyster_words_${producers.length}() { ${printWords(slot.words)}; }`);
    return `_oyster_words_${producers.length - 1}`;
  };
  const subcommands = grammar.filter((g) => g.subcommands.length).map((g) => `    ${shQuote(g.name)}) ${printWords(g.subcommands)} ;;`);
  const flags = grammar.map((g) => `    ${shQuote(g.name)}) ${printWords(g.flags.map((f) => f.flag))} ;;`);
  const values = grammar.flatMap((g) =>
    g.flags.filter((f) => f.value !== null).map((f) => `    ${shQuote(`${g.name} ${f.flag}`)}) echo ${f.value === "" ? "-" : `_oyster_names_${f.value}`} ;;`),
  );
  const slots = grammar.flatMap((g) =>
    Object.entries(g.args)
      .filter(([, s]) => s.length)
      .map(([form, s]) => `    ${shQuote(`${g.name} ${form}`)}) ${printWords(s.map((slot) => `${slotName(slot)}${slot.repeat ? "+" : ""}`))} ;;`),
  );
  const kinds = [...new Set(grammar.flatMap((g) => [...g.flags.map((f) => f.value ?? ""), ...Object.values(g.args).flat().map((s) => ("names" in s ? s.names : ""))]))]
    .filter((k) => k !== "")
    .map((k) => `_oyster_names_${k}() { command oyster completion --names ${shQuote(k)} 2>/dev/null; }`);
  return `# Adds each line of stdin that starts with the typed word ($1) to COMPREPLY.
_oyster_add() {
  local word
  while IFS= read -r word; do
    [[ -n "$word" && "$word" == "$1"* ]] && COMPREPLY+=("$word")
  done
  return 0
}
${kinds.join("\n")}
${producers.join("\n")}
_oyster_commands() { ${printWords(grammar.map((g) => g.name))}; }
_oyster_subcommands() {
  case "$1" in
${subcommands.join("\n")}
  esac
}
_oyster_flags() {
  case "$1" in
${flags.join("\n")}
  esac
}
# What the flag $2 of command $1 takes: a function printing candidates, "-" for a value with none.
_oyster_flag_value() {
  case "$1 $2" in
${values.join("\n")}
  esac
}
# The positional words of a form, one function a line; "+" after one that repeats (node...).
_oyster_slots() {
  case "$1 $2" in
${slots.join("\n")}
  esac
}
# COMPREPLY for COMP_WORDS and COMP_CWORD.
_oyster_complete() {
  COMPREPLY=()
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  if (( COMP_CWORD <= 1 )); then
    _oyster_add "$cur" < <(_oyster_commands)
    return 0
  fi
  local cmd="\${COMP_WORDS[1]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" value
  if [[ "$prev" == --* ]]; then
    value="$(_oyster_flag_value "$cmd" "$prev")"
    if [[ -n "$value" ]]; then
      [[ "$value" != "-" ]] && _oyster_add "$cur" < <("$value")
      return 0
    fi
  fi
  if [[ "$cur" == -* ]]; then
    _oyster_add "$cur" < <(_oyster_flags "$cmd")
    return 0
  fi
  local -a pos=()
  local i=2 w
  while (( i < COMP_CWORD )); do
    w="\${COMP_WORDS[i]}"
    i=$((i + 1))
    if [[ "$w" == -* ]]; then
      [[ "$w" != *=* && -n "$(_oyster_flag_value "$cmd" "$w")" ]] && i=$((i + 1))
      continue
    fi
    pos+=("$w")
  done
  local subs sub="" idx=\${#pos[@]}
  subs="$(_oyster_subcommands "$cmd")"
  if [[ -n "$subs" ]]; then
    if (( idx == 0 )); then
      _oyster_add "$cur" <<<"$subs"
    elif [[ $'\\n'"$subs"$'\\n' == *$'\\n'"\${pos[0]}"$'\\n'* ]]; then
      sub="\${pos[0]}"
      idx=$((idx - 1))
    else
      return 0
    fi
  fi
  local -a slots=()
  local line s
  while IFS= read -r line; do
    [[ -n "$line" ]] && slots+=("$line")
  done < <(_oyster_slots "$cmd" "$sub")
  i=0
  while (( i < \${#slots[@]} )); do
    s="\${slots[i]}"
    if (( i == idx )) || { (( i < idx )) && [[ "$s" == *+ ]]; }; then
      _oyster_add "$cur" < <("\${s%+}")
    fi
    i=$((i + 1))
  done
  return 0
}`;
}

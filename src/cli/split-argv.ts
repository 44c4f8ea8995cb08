/** The words of `oyster <command> [args]` with the flags every command shares taken out. */
export interface CliInvocation {
  command: string;
  words: string[];
  json: boolean;
  yes: boolean;
}

const GLOBAL = new Set(["--json", "--yes", "-y", "--help", "-h"]);

export function splitArgv(argv: string[]): CliInvocation {
  let json = false;
  let yes = false;
  let help = false;
  const rest: string[] = [];
  let passthrough = false;
  for (const word of argv) {
    if (passthrough || !GLOBAL.has(word)) {
      if (word === "--") passthrough = true;
      rest.push(word);
      continue;
    }
    if (word === "--json") json = true;
    else if (word === "--yes" || word === "-y") yes = true;
    else help = true;
  }
  const [command, ...words] = rest;
  if (!command) return { command: "help", words: [], json, yes };
  // `oyster status --help` is `oyster help status`.
  if (help) return { command: "help", words: [command], json, yes };
  return { command, words, json, yes };
}

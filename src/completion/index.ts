export { bashScript } from "./bash.ts";
export { fishScript } from "./fish.ts";
export { grammarOf, NAME_KINDS, POSITIONALS, type CommandGrammar, type NameKind } from "./grammar.ts";
export { zshScript } from "./zsh.ts";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

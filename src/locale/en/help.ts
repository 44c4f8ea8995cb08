/** English: help messages. Keys are "help.<what>"; `{name}` is a placeholder. */
export const help = {} as const satisfies Record<string, string>;

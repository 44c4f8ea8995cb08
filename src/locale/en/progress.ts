/** English: progress messages. Keys are "progress.<what>"; `{name}` is a placeholder. */
export const progress = {} as const satisfies Record<string, string>;

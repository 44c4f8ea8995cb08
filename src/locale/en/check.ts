/** English: check messages. Keys are "check.<what>"; `{name}` is a placeholder. */
export const check = {} as const satisfies Record<string, string>;

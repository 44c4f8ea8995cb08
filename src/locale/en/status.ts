/** English: status messages. Keys are "status.<what>"; `{name}` is a placeholder. */
export const status = {} as const satisfies Record<string, string>;

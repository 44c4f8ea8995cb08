/** English: report messages. Keys are "report.<what>"; `{name}` is a placeholder. */
export const report = {} as const satisfies Record<string, string>;

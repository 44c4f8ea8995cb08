/** English: email messages. Keys are "email.<what>"; `{name}` is a placeholder. */
export const email = {} as const satisfies Record<string, string>;

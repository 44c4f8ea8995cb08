/** English: alerts messages. Keys are "alerts.<what>"; `{name}` is a placeholder. */
export const alerts = {} as const satisfies Record<string, string>;

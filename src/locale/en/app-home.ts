/** English: app-home messages. Keys are "appHome.<what>"; `{name}` is a placeholder. */
export const appHome = {} as const satisfies Record<string, string>;

/** English: doctor messages. Keys are "doctor.<what>"; `{name}` is a placeholder. */
export const doctor = {} as const satisfies Record<string, string>;

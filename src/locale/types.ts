/** The languages people may read Oyster in (`locale` in oyster.json); JSON, logs and the audit stay English. */
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

/** Values put into a message's `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

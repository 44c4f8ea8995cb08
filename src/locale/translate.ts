import { en, type MessageKey } from "./en/index.ts";
import type { Locale, MessageParams } from "./types.ts";
import { zhCN } from "./zh-CN/index.ts";

export type { MessageKey };

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

/** The catalogue of one language (the parity test reads both). */
export function catalogue(locale: Locale): Record<MessageKey, string> {
  return CATALOGUES[locale];
}

/** `{name}` placeholders in a message, in order of appearance. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!);
}

/**
 * One message in `locale`, its `{name}` placeholders filled from `params`. A placeholder with no
 * value stays as written (a bug shows, rather than an empty gap).
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const message = CATALOGUES[locale][key] ?? en[key];
  return message.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** `translate` bound to one language: what renderers are given. */
export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

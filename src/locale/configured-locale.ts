import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LOCALES, type Locale } from "./types.ts";

/**
 * The `locale` of `<configDir>/oyster.json`, read cheaply for a command that loads no config
 * (help): one file read and JSON.parse, no validation of anything else. A missing, unreadable or
 * malformed file, or a value that is not one of LOCALES, is "en", silently: help must still answer
 * when the config is broken (the commands that load it report the problem).
 */
export function configuredLocale(configDir: string, read: (path: string) => string = (p) => readFileSync(p, "utf8")): Locale {
  try {
    const doc: unknown = JSON.parse(read(join(configDir, "oyster.json")));
    const locale = doc !== null && typeof doc === "object" ? (doc as { locale?: unknown }).locale : undefined;
    return LOCALES.find((l) => l === locale) ?? "en";
  } catch {
    return "en";
  }
}

import { translate, type MessageKey } from "../locale/translate.ts";
import type { MessageParams } from "../locale/types.ts";
import type { DoctorArea, DoctorLine, DoctorStatus, Said } from "./types.ts";

/** A catalogue message with its values. */
export function say(key: MessageKey, params: MessageParams = {}): Said {
  return { key, params };
}

/** One checklist line: the English detail and fix (for `--json`) made from the same messages the text shows. */
export function line(area: DoctorArea, name: string, status: DoctorStatus, detail: Said, fix?: Said): DoctorLine {
  return {
    area,
    name,
    status,
    detail: translate("en", detail.key, detail.params),
    ...(fix ? { fix: translate("en", fix.key, fix.params) } : {}),
    said: { detail, ...(fix ? { fix } : {}) },
  };
}

/** The first line of a message, trimmed and cut: an error or a tool's output shown in one checklist line. */
export function firstLine(text: string, max = 200): string {
  const first = text.trim().split("\n")[0]?.trim() ?? "";
  return first.length > max ? `${first.slice(0, max - 3)}...` : first;
}

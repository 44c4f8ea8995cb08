import type { Tone } from "../render/paint.ts";
import { displayWidth } from "../render/paint.ts";
import type { View } from "../render/view.ts";
import type { MessageKey } from "../locale/translate.ts";
import { DOCTOR_AREAS, type DoctorData, type DoctorStatus } from "./types.ts";

/** Passes do not shout: their symbol is green, their word plain. */
const TONE: Record<DoctorStatus, Tone | undefined> = { ok: undefined, warn: "warn", fail: "fail" };
const WORD: Record<DoctorStatus, MessageKey> = { ok: "doctor.status.ok", warn: "doctor.status.warn", fail: "doctor.status.fail" };

const padTo = (text: string, width: number) => text + " ".repeat(Math.max(0, width - displayWidth(text)));

/**
 * The checklist grouped by area: each line its status (a symbol and colour on a terminal, the word
 * everywhere), what was checked and what was found; under a warning or failure, the fix. Passes
 * stay quiet (no colour but the symbol), failures stand out. Last, the counts.
 */
export function doctorText(data: DoctorData, view: View): string {
  const { t, paint } = view;
  const width = Math.max(...(["ok", "warn", "fail"] as const).map((s) => displayWidth(t(WORD[s]))));
  const indent = " ".repeat(2 + (paint.symbols ? 2 : 0) + width + 1);
  const out: string[] = [];
  for (const area of DOCTOR_AREAS) {
    const lines = data.checks.filter((c) => c.area === area);
    if (lines.length === 0) continue;
    if (out.length > 0) out.push("");
    out.push(paint.tone("bold", t(`doctor.area.${area}` as MessageKey)));
    for (const c of lines) {
      const word = padTo(t(WORD[c.status]), width);
      const detail = t(c.said.detail.key, c.said.detail.params);
      out.push(`  ${paint.mark(c.status)}${TONE[c.status] ? paint.tone(TONE[c.status]!, word) : word} ${c.status === "ok" ? c.name : paint.tone("bold", c.name)}: ${detail}`);
      if (c.said.fix) {
        const fix = t("doctor.fix", { fix: t(c.said.fix.key, c.said.fix.params) });
        out.push(`${indent}${c.status === "fail" ? paint.tone("info", fix) : fix}`);
      }
    }
  }
  const count = (s: DoctorStatus) => data.checks.filter((c) => c.status === s).length;
  const summary = t(data.ok ? "doctor.summaryOk" : "doctor.summaryFailed", { fail: count("fail"), warn: count("warn"), ok: count("ok") });
  out.push("", data.ok ? summary : paint.tone("fail", summary));
  return out.join("\n");
}

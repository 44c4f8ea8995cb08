import type { Translate } from "../../locale/index.ts";
import type { BackupSection, SyncSection } from "../types.ts";
import { ago, bytes } from "./format.ts";
import { outcomeWord } from "./words.ts";
import type { SectionView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

export function viewBackup(b: BackupSection, t: Translate): SectionView {
  const title = t("report.backup.title");
  if (b.state === "not-configured") return { title, summary: t("report.notConfigured", { reason: b.reason }), facts: [], lists: [] };
  if (b.state === "none") return { title, summary: t("report.backup.none"), facts: [], lists: [] };
  const check = b.verified ? t("report.backup.verified") : t("report.backup.notVerified", { verdict: b.verdict ?? "" });
  return {
    title,
    summary: [ago(b.ageSeconds, t), bytes(b.bytes), check].join(t("report.sep")),
    facts: [
      { label: t("report.backup.file"), value: b.file },
      { label: t("report.backup.taken"), value: `${utcMinute(b.takenAt)}${t("report.paren", { text: b.kind })}` },
    ],
    lists: [],
  };
}

export function viewSync(s: SyncSection, t: Translate): SectionView {
  const title = t("report.sync.title");
  if (s.state === "not-configured") return { title, summary: t("report.notConfigured", { reason: s.reason }), facts: [], lists: [] };
  if (s.state === "none") return { title, summary: t("report.sync.none"), facts: [], lists: [] };
  const outcome = s.outcome === "ok" ? t("report.sync.ok") : outcomeWord(s.outcome, t);
  return {
    title,
    summary: `${ago(s.ageSeconds, t)}${t("report.sep")}${outcome}${s.summary ? `${t("report.colon")}${s.summary}` : ""}`,
    facts: [{ label: t("report.sync.when"), value: `${utcMinute(s.at)}${t("report.paren", { text: s.trigger })}` }],
    lists: [],
  };
}

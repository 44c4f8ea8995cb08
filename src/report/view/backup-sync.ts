import type { BackupSection, SyncSection } from "../types.ts";
import { ago, bytes } from "./format.ts";
import type { SectionView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

export function viewBackup(b: BackupSection): SectionView {
  if (b.state === "not-configured") return { title: "Backup", summary: `not configured: ${b.reason}`, facts: [], lists: [] };
  if (b.state === "none") return { title: "Backup", summary: "no backup yet", facts: [], lists: [] };
  const check = b.verified ? "verified" : `NOT verified (${b.verdict})`;
  return {
    title: "Backup",
    summary: `${ago(b.ageSeconds)}, ${bytes(b.bytes)}, ${check}`,
    facts: [
      { label: "file", value: b.file },
      { label: "taken", value: `${utcMinute(b.takenAt)} (${b.kind})` },
    ],
    lists: [],
  };
}

export function viewSync(s: SyncSection): SectionView {
  if (s.state === "not-configured") return { title: "Sync", summary: `not configured: ${s.reason}`, facts: [], lists: [] };
  if (s.state === "none") return { title: "Sync", summary: "no sync yet", facts: [], lists: [] };
  const outcome = s.outcome === "ok" ? "ok" : s.outcome.toUpperCase();
  return {
    title: "Sync",
    summary: `${ago(s.ageSeconds)}, ${outcome}${s.summary ? `: ${s.summary}` : ""}`,
    facts: [{ label: "when", value: `${utcMinute(s.at)} (${s.trigger})` }],
    lists: [],
  };
}

import type { Db } from "../../store/index.ts";
import { oneLine } from "../../render/one-line.ts";
import { LIST_LIMIT, type FixesSection } from "../types.ts";

type Row = { at: string; check_name: string; node: string | null; ok: number; detail: string };

/** Every fix the guardian tried in the window (the `fixes` table), successful or not. */
export function gatherFixes(db: Db, since: Date, until: Date): FixesSection {
  const window = { since: since.toISOString(), until: until.toISOString() };
  const counts = db.prepare("SELECT COUNT(*) AS total, COALESCE(SUM(ok), 0) AS ok FROM fixes WHERE at >= @since AND at <= @until").get(window) as { total: number; ok: number };
  const rows = db.prepare(`SELECT at, check_name, node, ok, detail FROM fixes WHERE at >= @since AND at <= @until ORDER BY at DESC, id DESC LIMIT ${LIST_LIMIT}`).all(window) as Row[];
  return {
    total: counts.total,
    ok: counts.ok,
    failed: counts.total - counts.ok,
    fixes: rows.map((r) => ({ at: r.at, check: oneLine(r.check_name, 60), node: r.node === null ? null : oneLine(r.node, 100), ok: r.ok === 1, detail: oneLine(r.detail) })),
  };
}

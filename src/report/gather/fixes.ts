import { FixHistory } from "../../store/fix-history.ts";
import type { Db } from "../../store/index.ts";
import { oneLine } from "../../render/one-line.ts";
import { LIST_LIMIT, type FixesSection } from "../types.ts";

/** Every fix the guardian tried in the window (the `fixes` table), successful or not. */
export function gatherFixes(db: Db, since: Date, until: Date): FixesSection {
  const history = new FixHistory(db);
  const counts = history.counts(since, until);
  const rows = history.between(since, until, LIST_LIMIT);
  return {
    total: counts.total,
    ok: counts.ok,
    failed: counts.total - counts.ok,
    fixes: rows.map((r) => ({ at: r.at, check: oneLine(r.check, 60), node: r.node === null ? null : oneLine(r.node, 100), ok: r.ok, detail: oneLine(r.detail) })),
  };
}

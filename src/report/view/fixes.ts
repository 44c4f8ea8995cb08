import type { FixesSection } from "../types.ts";

import type { SectionView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

export function viewFixes(f: FixesSection): SectionView {
  if (f.total === 0) return { title: "Fixes", summary: "none needed", facts: [], lists: [] };
  return {
    title: "Fixes",
    summary: `${f.total} applied: ${f.ok} ok, ${f.failed} failed`,
    facts: [],
    lists: [
      {
        label: "fixes",
        items: f.fixes.map((x) => `${utcMinute(x.at)} ${x.check}${x.node ? ` on ${x.node}` : ""}: ${x.ok ? "ok" : "FAILED"}: ${x.detail}`),
        total: f.total,
      },
    ],
  };
}

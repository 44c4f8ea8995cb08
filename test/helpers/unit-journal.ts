import { appendFileSync, chownSync, statSync } from "node:fs";
import { join } from "node:path";
import type { RigNode } from "./rig/index.ts";

/**
 * Lines as a unit itself would log them, appended to the file the rig's journalctl shim reads
 * (`<node>/state/units/<unit>.journal`), owned like the rest of the shim state so the shims can
 * still append to it as the node user.
 */
export function logLines(node: RigNode, unit: string, lines: string[]): void {
  const units = join(node.dir, "state", "units");
  const file = join(units, `${unit}.journal`);
  appendFileSync(file, lines.map((l) => `2026-12-01T03:00:00+0000 ${node.name} ${unit}[4242]: ${l}\n`).join(""));
  const owner = statSync(units);
  if (process.getuid?.() === 0) chownSync(file, owner.uid, owner.gid);
}

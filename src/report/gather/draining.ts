import type { Config } from "../../config/index.ts";
import { readNodeStates } from "../../dispatch/node-state.ts";
import { locateDispatch } from "../../dispatch/read-db.ts";
import { DrainTable } from "../../fleet/drain-table.ts";
import { drainingNodes, type DrainingNode } from "../../fleet/draining-view.ts";
import { oneLine } from "../../render/one-line.ts";
import type { Db } from "../../store/index.ts";

/** Nodes dispatch.db has draining now, with who and why from state.db. Read-only. */
export function gatherDraining(config: Config, db: Db): DrainingNode[] {
  const where = locateDispatch(config);
  let states: Array<{ name: string; state: string }> | undefined;
  if (where.state === "ok") {
    try {
      states = Object.entries(readNodeStates(where.db)).map(([name, state]) => ({ name, state }));
    } catch {
      // dispatch.db unreadable: the tasks section says so; the records are what is known.
    }
  }
  return drainingNodes(states, new DrainTable(db).list()).map((d) => ({ ...d, node: oneLine(d.node, 100), reason: d.reason === null ? null : oneLine(d.reason, 200) }));
}

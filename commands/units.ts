import { defineCommand } from "../src/command/types.ts";
import { readJournal } from "../src/units/journal.ts";
import { resolveUnits, UNITS_USAGE, unitsSchema, type UnitsArgs } from "../src/units/status-args.ts";
import { unitsBlocks, unitsText, type UnitsData } from "../src/units/status-format.ts";
import { readUnitStatuses } from "../src/units/status-read.ts";
import { isDown } from "../src/units/status-show.ts";

export const units = defineCommand({
  name: "units",
  summary: "State of a node's listed systemd units (active, enabled, main PID, since when); with one unit, the newest lines of its journal",
  usage: UNITS_USAGE,
  options: { lines: { type: "string", description: "journal lines to show for one unit (1-1000, default 50)" } },
  schema: unitsSchema,
  // Journals show what the units print.
  role: "operator",
  changesState: false,
  // Unknown nodes and unlisted units fail here (exit 2, naming the valid ones) before anything runs.
  validate(ctx, args: UnitsArgs) {
    resolveUnits(ctx.config, (n) => ctx.ssh.target(n), args);
  },
  async run(ctx, args: UnitsArgs) {
    const names = resolveUnits(ctx.config, (n) => ctx.ssh.target(n), args);
    // Journal text goes into the result's data: the one scrubber (src/command/invoke.ts) sees it.
    const [statuses, journal] = await Promise.all([
      names.length ? readUnitStatuses(ctx.ssh, args.node, names) : Promise.resolve([]),
      args.unit === null ? Promise.resolve(null) : readJournal(ctx.ssh, args.node, args.unit, args.lines),
    ]);
    const data: UnitsData = { node: args.node, units: statuses, journal, lines: args.lines };
    return { ok: !statuses.some(isDown), data };
  },
  text(data: UnitsData) {
    return unitsText(data);
  },
  blocks(data: UnitsData) {
    return unitsBlocks(data);
  },
});

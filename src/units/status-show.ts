import { shellQuote } from "../ssh/index.ts";

/**
 * What `units` and the guardian read about a unit, in one `systemctl show` for all of a node's
 * units. `TZ=UTC` makes systemd print its timestamps in UTC, so they can be read back exactly
 * whatever the node's local zone is (systemd's zone abbreviations are ambiguous).
 */
export const SHOW_PROPERTIES = ["Id", "LoadState", "ActiveState", "SubState", "UnitFileState", "MainPID", "ActiveEnterTimestamp", "StateChangeTimestamp"] as const;

/** The guardian only needs to know whether each unit runs: fewer properties, less to parse. */
export const HEALTH_PROPERTIES = ["Id", "LoadState", "ActiveState", "SubState"] as const;

export interface UnitStatus {
  unit: string;
  /** `loaded`, or `not-found` for a unit that is not installed. */
  load: string;
  /** What `is-active` prints: active, inactive, failed, activating, ... */
  active: string;
  sub: string;
  /** What `is-enabled` prints (UnitFileState): enabled, disabled, static, masked, ...; null when unknown. */
  enabled: string | null;
  mainPid: number | null;
  /** When the unit entered its current state: ISO 8601 UTC (systemd's own text if it could not be read). */
  since: string | null;
  /** When it last became active, likewise. */
  activeSince: string | null;
}

/** `--property=` as one word: a shim (or an older systemctl) never mistakes the list for a unit. */
export function showCommand(units: readonly string[], properties: readonly string[] = SHOW_PROPERTIES): string {
  return `TZ=UTC systemctl show --no-pager --property=${properties.join(",")} ${units.map(shellQuote).join(" ")}`;
}

/** systemd prints one `Key=Value` block per unit, blocks separated by a blank line. */
export function parseShowBlocks(stdout: string): Array<Record<string, string>> {
  return stdout
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => {
      const props: Record<string, string> = {};
      for (const line of block.split(/\r?\n/)) {
        const eq = line.indexOf("=");
        if (eq > 0) props[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
      }
      return props;
    })
    .filter((p) => Object.keys(p).length > 0);
}

/** `Tue 2026-12-01 02:59:46 UTC` -> `2026-12-01T02:59:46Z`; empty / n/a -> null; anything else kept as printed. */
export function systemdTime(text: string | undefined): string | null {
  if (!text || text === "n/a" || text === "0") return null;
  const m = /^(?:\w{3} )?(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)? (?:UTC|GMT)$/.exec(text);
  return m ? `${m[1]}T${m[2]}Z` : text;
}

/** systemd names a unit with its type: `agent-daemon` is `agent-daemon.service`. */
function fullName(unit: string): string {
  return /\.(service|socket|timer|target|path|mount|scope|slice|device|swap|automount)$/.test(unit) ? unit : `${unit}.service`;
}

function toStatus(unit: string, p: Record<string, string>): UnitStatus {
  const pid = Number(p.MainPID);
  return {
    unit,
    load: p.LoadState ?? "unknown",
    active: p.ActiveState ?? "unknown",
    sub: p.SubState ?? "unknown",
    enabled: p.UnitFileState ? p.UnitFileState : null,
    mainPid: Number.isInteger(pid) && pid > 0 ? pid : null,
    since: systemdTime(p.StateChangeTimestamp),
    activeSince: systemdTime(p.ActiveEnterTimestamp),
  };
}

/**
 * Pairs the blocks with the units asked for. systemd answers in the order asked; each block's
 * `Id` is checked too, so output that is not what we asked for is refused rather than misread.
 * Returns null when it cannot be paired.
 */
export function unitStatuses(units: readonly string[], stdout: string): UnitStatus[] | null {
  const blocks = parseShowBlocks(stdout);
  if (blocks.length !== units.length) return null;
  const out: UnitStatus[] = [];
  for (const [i, unit] of units.entries()) {
    const p = blocks[i]!;
    if (p.Id !== undefined && p.Id !== fullName(unit) && p.Id !== unit) return null;
    out.push(toStatus(unit, p));
  }
  return out;
}

/**
 * A unit that is not running when it should be: failed, inactive (stopped, or not installed), or
 * crash-looping (activating in `auto-restart`, between a crash and systemd's next try). Reloading,
 * or activating for another reason, is a unit on its way up: not an incident.
 */
export function isDown(s: Pick<UnitStatus, "active" | "sub">): boolean {
  return s.active === "failed" || s.active === "inactive" || (s.active === "activating" && s.sub === "auto-restart");
}

/** "failed (failed)", "inactive (dead, not installed)": the state as an operator reads it. */
export function describeState(s: Pick<UnitStatus, "active" | "sub" | "load">): string {
  const extra = [s.sub && s.sub !== s.active ? s.sub : "", s.load === "not-found" ? "not installed" : ""].filter(Boolean);
  return extra.length ? `${s.active} (${extra.join(", ")})` : s.active;
}

import { shellQuote } from "../ssh/index.ts";

/** What a node holds of one unit, read before anything is decided. */
export interface InstalledUnit {
  unit: string;
  /** sha256 of the installed unit file; null when there is none (or it is unreadable). */
  sha256: string | null;
  /** `systemctl is-enabled` (enabled, disabled, static, ...), "unknown" when it printed nothing. */
  enabled: string;
  /** `systemctl is-active` (active, inactive, failed, ...), "unknown" when it printed nothing. */
  active: string;
}

export interface NodeProbe {
  /** The login user's home on the node: what `~` in its dispatch dir means there. */
  home: string;
  units: InstalledUnit[];
}

/**
 * One command, one round trip: the home dir, then per unit the file's sha256 (or "missing")
 * and its enabled and active states. Tab-separated so a path with spaces cannot shift fields;
 * every name and path is quoted. `shasum -a 256` where there is no sha256sum (macOS).
 */
export function probeCommand(unitDir: string, units: readonly string[]): string {
  const dir = shellQuote(unitDir);
  const list = units.map((u) => shellQuote(u)).join(" ");
  return [
    `printf 'home\\t%s\\n' "$HOME"`,
    `if command -v sha256sum >/dev/null 2>&1; then h() { sha256sum < "$1"; }; else h() { shasum -a 256 < "$1"; }; fi`,
    `for u in ${list}; do`,
    ` f=${dir}/"$u".service;`,
    ` if [ -r "$f" ]; then s=$(h "$f" | cut -c1-64); else s=missing; fi;`,
    ` e=$(systemctl is-enabled "$u" 2>/dev/null | head -n 1); a=$(systemctl is-active "$u" 2>/dev/null | head -n 1);`,
    ` printf 'unit\\t%s\\t%s\\t%s\\t%s\\n' "$u" "\${s:-missing}" "\${e:-unknown}" "\${a:-unknown}";`,
    `done; exit 0`,
  ].join("\n");
}

/** Reads what probeCommand printed; a unit it did not report counts as missing and unknown. */
export function parseProbe(stdout: string, units: readonly string[]): NodeProbe {
  let home = "";
  const seen = new Map<string, InstalledUnit>();
  for (const line of stdout.split("\n")) {
    const f = line.split("\t");
    if (f[0] === "home" && f.length === 2) home = f[1]!;
    if (f[0] === "unit" && f.length === 5 && units.includes(f[1]!)) {
      const sha = /^[0-9a-f]{64}$/.test(f[2]!) ? f[2]! : null;
      seen.set(f[1]!, { unit: f[1]!, sha256: sha, enabled: f[3]!, active: f[4]! });
    }
  }
  return { home, units: units.map((u) => seen.get(u) ?? { unit: u, sha256: null, enabled: "unknown", active: "unknown" }) };
}

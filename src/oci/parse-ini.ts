/**
 * The OCI config file's INI dialect, as the SDKs read it: `[profile]` sections, `key=value`
 * lines, `#` and `;` comment lines. Problems name the line number, never the line: a
 * malformed line may hold a pass_phrase.
 */
export type IniProfiles = Map<string, Map<string, string>>;

export type IniResult = { ok: true; profiles: IniProfiles } | { ok: false; problems: string[] };

export function parseIni(text: string): IniResult {
  const profiles: IniProfiles = new Map();
  const problems: string[] = [];
  let current: Map<string, string> | undefined;

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const at = `line ${index + 1}`;
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    if (line.startsWith("[") && line.endsWith("]")) {
      const name = line.slice(1, -1).trim();
      if (name === "") return void problems.push(`${at}: empty profile name`);
      current = profiles.get(name) ?? new Map();
      profiles.set(name, current);
      return;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) return void problems.push(`${at}: expected key=value`);
    if (!current) return void problems.push(`${at}: a key before any [profile]`);
    current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  });

  return problems.length > 0 ? { ok: false, problems } : { ok: true, profiles };
}

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig, type Config } from "../../../src/config/index.ts";
import { tmpDir } from "../tmp-dir.ts";

/** A Config loaded the real way from an oyster.json holding only this `monitor` section. */
export function monitorConfig(monitor: Record<string, unknown>): Config {
  const dir = tmpDir("oyster-monitor-");
  writeFileSync(join(dir, "oyster.json"), JSON.stringify({ monitor }));
  return loadConfig({ dir, env: { HOME: dir } }).config;
}

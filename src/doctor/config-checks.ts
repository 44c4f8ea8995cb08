import { CONFIG_FILES, loadConfig, type Config } from "../config/index.ts";
import { ConfigError } from "../errors.ts";
import { line, say } from "./line.ts";
import type { DoctorLine } from "./types.ts";

/** A problem or warning line is `file: path: message`; the file names the checklist line. */
function fileOf(problem: string): string {
  const i = problem.indexOf(":");
  return i > 0 ? problem.slice(0, i) : "config";
}

/**
 * The config files read again as the bot would read them now (they may have changed since this
 * process started): each file ok, or its problems (fail) and unknown keys (warn), each a line.
 */
export function configChecks(config: Config, env: NodeJS.ProcessEnv): DoctorLine[] {
  const files = Object.values(CONFIG_FILES);
  let warnings: string[];
  try {
    warnings = loadConfig({ dir: config.dir, env }).warnings;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const failing = new Set(err.problems.map(fileOf));
    return [
      ...err.problems.map((p) => line("config", fileOf(p), "fail", say("doctor.config.problem", { problem: p }), say("doctor.config.problemFix"))),
      ...files.filter((f) => !failing.has(f)).map((f) => fileLine(config, f)),
    ];
  }
  const warned = new Set(warnings.map(fileOf));
  return [
    ...files.filter((f) => !warned.has(f)).map((f) => fileLine(config, f)),
    ...warnings.map((w) => line("config", fileOf(w), "warn", say("doctor.config.warning", { warning: w }), say("doctor.config.warningFix"))),
  ];
}

function fileLine(config: Config, file: string): DoctorLine {
  const key = (Object.keys(CONFIG_FILES) as Array<keyof typeof CONFIG_FILES>).find((k) => CONFIG_FILES[k] === file);
  const present = key ? config.present[key] : true;
  return line("config", file, "ok", present ? say("doctor.config.valid") : say("doctor.config.absent"));
}

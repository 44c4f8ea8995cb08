import { homedir } from "node:os";
import { resolve } from "node:path";
import { ConfigError } from "../errors.ts";
import { configDirProblems } from "./config-dir-trust.ts";
import { duplicateNameProblems } from "./duplicate-names.ts";
import { parseFile } from "./parse-file.ts";
import { readJsonFile, type JsonFile } from "./read-json-file.ts";
import { guardianFileSchema } from "./schemas/guardian-file.ts";
import { nodesFileSchema } from "./schemas/nodes-file.ts";
import { oysterFileSchema } from "./schemas/oyster-file.ts";
import { projectsFileSchema } from "./schemas/projects-file.ts";
import { secretKeyProblems } from "./secret-keys.ts";
import type { LoadedConfig, LoadOptions } from "./types.ts";

export const CONFIG_FILES = {
  nodes: "nodes.json",
  projects: "projects.json",
  guardian: "guardian_config.json",
  oyster: "oyster.json",
} as const;

/** Problems (and warnings) listed per file; a file with more is a wrong file, not a set of typos. */
export const MAX_LISTED_PER_FILE = 50;

/** At most MAX_LISTED_PER_FILE lines per file, then one line saying how many more there are. */
function capPerFile(lines: string[], what: string): string[] {
  const byFile = new Map<string, number>();
  const kept: string[] = [];
  for (const line of lines) {
    const file = line.slice(0, line.indexOf(":"));
    const n = (byFile.get(file) ?? 0) + 1;
    byFile.set(file, n);
    if (n <= MAX_LISTED_PER_FILE) kept.push(line);
  }
  for (const [file, n] of byFile) if (n > MAX_LISTED_PER_FILE) kept.push(`${file}: (file): ${n - MAX_LISTED_PER_FILE} more ${what} not listed (${n} in all)`);
  return kept;
}

function rawValue(source: JsonFile): unknown {
  return source.present && "value" in source ? source.value : undefined;
}

/**
 * Reads and validates the four config files. Every problem of every file is gathered before
 * failing, so one run shows the operator everything to fix instead of one error per restart.
 */
export function loadConfig(opts: LoadOptions): LoadedConfig {
  const dir = resolve(opts.dir);
  const env = opts.env ?? process.env;
  const home = env.HOME || homedir();
  const sources = {
    nodes: readJsonFile(dir, CONFIG_FILES.nodes),
    projects: readJsonFile(dir, CONFIG_FILES.projects),
    guardian: readJsonFile(dir, CONFIG_FILES.guardian),
    oyster: readJsonFile(dir, CONFIG_FILES.oyster),
  };

  const nodes = parseFile(CONFIG_FILES.nodes, sources.nodes, nodesFileSchema, home);
  const projects = parseFile(CONFIG_FILES.projects, sources.projects, projectsFileSchema, home);
  const guardian = parseFile(CONFIG_FILES.guardian, sources.guardian, guardianFileSchema, home);
  const oyster = parseFile(CONFIG_FILES.oyster, sources.oyster, oysterFileSchema, home);

  const problems = [
    // Its files are shell commands and root's unit templates: a dir others can write is refused.
    ...configDirProblems(dir, Object.values(CONFIG_FILES)),
    ...nodes.problems,
    ...duplicateNameProblems(CONFIG_FILES.nodes, "nodes", rawValue(sources.nodes), "node"),
    ...projects.problems,
    ...duplicateNameProblems(CONFIG_FILES.projects, "projects", rawValue(sources.projects), "project"),
    ...guardian.problems,
    ...oyster.problems,
    // Facts are reported and alerted on by name: a second one of the same name would hide the first.
    ...duplicateNameProblems(CONFIG_FILES.oyster, ["guardian", "params", "facts"], rawValue(sources.oyster), "fact"),
    ...secretKeyProblems(CONFIG_FILES.oyster, rawValue(sources.oyster)),
  ];
  if (problems.length > 0 || !nodes.data || !projects.data || !guardian.data || !oyster.data) {
    throw new ConfigError(capPerFile(problems, "problems"));
  }

  return {
    config: {
      dir,
      present: {
        nodes: sources.nodes.present,
        projects: sources.projects.present,
        guardian: sources.guardian.present,
        oyster: sources.oyster.present,
      },
      nodes: nodes.data.nodes,
      projects: projects.data.projects,
      guardian: guardian.data,
      oyster: oyster.data,
    },
    warnings: capPerFile([...nodes.warnings, ...projects.warnings, ...guardian.warnings, ...oyster.warnings], "warnings"),
  };
}

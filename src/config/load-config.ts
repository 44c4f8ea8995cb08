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
    ...secretKeyProblems(CONFIG_FILES.oyster, rawValue(sources.oyster)),
  ];
  if (problems.length > 0 || !nodes.data || !projects.data || !guardian.data || !oyster.data) {
    throw new ConfigError(problems);
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
    warnings: [...nodes.warnings, ...projects.warnings, ...guardian.warnings, ...oyster.warnings],
  };
}

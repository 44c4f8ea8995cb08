import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, OysterError } from "../errors.ts";
import { BUILTIN_PLACEHOLDERS, unknownPlaceholderProblems, type TemplateSource } from "./placeholders.ts";
import { unitValueProblems } from "./unit-value.ts";

/** The two templates install-daemon renders: the agent daemon and the node's task watcher. */
export const TEMPLATE_NAMES = ["agent-daemon", "watcher"] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export type UnitTemplates = Record<TemplateName, TemplateSource>;

const EXAMPLE_SUFFIX = ".service.example";

/**
 * Where the shipped `*.service.example` files are: `config/systemd/` of this checkout. Found by
 * walking up from this module, because it runs both from src/units/ (tsx) and from dist/ (the
 * bundle), at different depths.
 */
export function shippedTemplateDir(here: string = import.meta.url): string | undefined {
  let dir = dirname(fileURLToPath(here));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "config", "systemd");
    if (existsSync(join(candidate, `agent-daemon${EXAMPLE_SUFFIX}`))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** The operator's template in OYSTER_CONFIG_DIR/systemd/ when present, else the shipped example. */
function templatePath(configDir: string, name: TemplateName, shippedDir: string | null): string {
  const own = join(configDir, "systemd", `${name}.service`);
  if (existsSync(own)) return own;
  const shipped = shippedDir === null ? null : join(shippedDir, `${name}${EXAMPLE_SUFFIX}`);
  if (shipped !== null && existsSync(shipped)) return shipped;
  throw new OysterError("NotConfigured", `not configured: no unit template for ${name}: put one at ${own}`, { template: name, path: own });
}

/**
 * Reads both templates and checks them against the built-in placeholders and `systemd.vars`.
 * Every problem (unknown placeholders in either file, a var that shadows a built-in, a var whose
 * value systemd would read as syntax: see unit-value.ts) is reported at once as a ConfigError
 * (exit 2) before any node is contacted.
 */
/** `shippedDir` null: no shipped examples to fall back on. */
export function loadUnitTemplates(configDir: string, vars: Readonly<Record<string, string>>, shippedDir: string | null = shippedTemplateDir() ?? null): UnitTemplates {
  const builtins = new Set<string>(BUILTIN_PLACEHOLDERS);
  const problems = Object.keys(vars)
    .filter((v) => builtins.has(v))
    .map((v) => `oyster.json: systemd.vars.${v}: {${v}} is a built-in placeholder (${BUILTIN_PLACEHOLDERS.join(", ")}); choose another name`);
  problems.push(...unitValueProblems(vars, (v) => `oyster.json: systemd.vars.${v}`));
  const known = new Set([...builtins, ...Object.keys(vars)]);
  const templates = {} as UnitTemplates;
  for (const name of TEMPLATE_NAMES) {
    const file = templatePath(configDir, name, shippedDir);
    const source = { file, text: readFileSync(file, "utf8") };
    problems.push(...unknownPlaceholderProblems(source, known));
    templates[name] = source;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return templates;
}

import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { CONFIG_FILES, loadConfig } from "../../../src/config/index.ts";
import { guardianFileSchema } from "../../../src/config/schemas/guardian-file.ts";
import { nodesFileSchema } from "../../../src/config/schemas/nodes-file.ts";
import { oysterFileSchema } from "../../../src/config/schemas/oyster-file.ts";
import { LAUNCH_DEFAULTS } from "../../../src/oci/launch-details.ts";
import { configDir, HOME_ENV } from "./config-dir.ts";

const EXAMPLES = fileURLToPath(new URL("../../../config/", import.meta.url));
const OPTIONS = { strict: false, home: "/home/tester" };

/** Every key path a schema knows (objects inside lists count as one leaf), read from zod's defs. */
function keyPaths(schema: z.ZodType, prefix = ""): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "default":
    case "prefault":
    case "optional":
      return keyPaths(def.innerType as z.ZodType, prefix);
    case "pipe":
      return keyPaths(def.in as z.ZodType, prefix);
    case "object":
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, inner]) => {
        const path = prefix ? `${prefix}.${key}` : key;
        const nested = keyPaths(inner, path);
        return nested.length > 0 ? nested : [path];
      });
    default:
      return [];
  }
}

/** The schema inside defaults, optionals and pipes, and a list's element. */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === "default" || def.type === "prefault" || def.type === "optional") return unwrap(def.innerType as z.ZodType);
  if (def.type === "pipe") return unwrap(def.in as z.ZodType);
  if (def.type === "array") return unwrap(def.element as z.ZodType);
  return schema;
}

/** The schema at `path` (dot-separated keys; lists stepped through to their element). */
function schemaAt(schema: z.ZodType, path: string): z.ZodType {
  return path.split(".").reduce((here, key) => {
    const def = unwrap(here)._zod.def as unknown as { shape: Record<string, z.ZodType> };
    return def.shape[key]!;
  }, schema);
}

const objectKeys = (schema: z.ZodType): string[] => Object.keys((unwrap(schema)._zod.def as unknown as { shape: object }).shape);

interface ReadmeRow {
  keys: string[];
  defaultCell: string;
}

/** The key table under `heading` in config/README.md: each row's `key`s (first cell) and its Default cell. */
function tableRows(readme: string, heading: string): ReadmeRow[] {
  const start = readme.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `config/README.md has a "${heading}" section`);
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(/\n#{2,3} /);
  // The section's first table only (Monitor accounts is followed by a table of hosts).
  const lines = (end < 0 ? rest : rest.slice(0, end)).split("\n");
  const first = lines.findIndex((line) => line.startsWith("|"));
  const after = lines.findIndex((line, i) => i > first && !line.startsWith("|"));
  const rows = lines.slice(first, after < 0 ? undefined : after).filter((line) => line.startsWith("| `"));
  assert.ok(rows.length > 0, `the "${heading}" section has a key table`);
  return rows.map((line) => {
    // `\|` inside a cell is an escaped pipe ("`socket` \| `http`"), not a column break.
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    return { keys: [...cells[0]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!), defaultCell: cells[2]! };
  });
}

/**
 * What a Default cell says, when it says it as values only: `5000`, `[80, 95]`, `strict`, or a
 * list of names (`nodes.json`, `projects.json`); `~/` is the test HOME. Undefined for prose.
 */
function documentedDefault(cell: string): { value: unknown } | undefined {
  if (!/^`[^`]*`(, `[^`]*`)*$/.test(cell)) return undefined;
  const values = [...cell.matchAll(/`([^`]*)`/g)].map((m) => {
    const text = m[1]!.replace(/^~\//, `${HOME_ENV.HOME}/`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  });
  return { value: values.length === 1 ? values[0] : values };
}

function valueAt(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((here, key) => (here === null || typeof here !== "object" ? undefined : (here as Record<string, unknown>)[key]), value);
}

/** Defaults documented in config/README.md that the code using the key applies (the schema leaves it unset). */
const APPLIED_WHERE_USED: Record<string, unknown> = { "oci.displayName": LAUNCH_DEFAULTS.displayName };

function has(value: unknown, path: string): boolean {
  let here = value;
  for (const key of path.split(".")) {
    if (here === null || typeof here !== "object" || !(key in here)) return false;
    here = (here as Record<string, unknown>)[key];
  }
  return true;
}

function example(file: string): unknown {
  return JSON.parse(readFileSync(join(EXAMPLES, file), "utf8"));
}

describe("config/*.example.json", () => {
  it("load under their real names with no problems and no warnings", () => {
    const dir = configDir();
    for (const file of Object.values(CONFIG_FILES)) {
      copyFileSync(join(EXAMPLES, file.replace(/\.json$/, ".example.json")), join(dir, file));
    }
    const { config, warnings } = loadConfig({ dir, env: HOME_ENV });
    assert.deepEqual(warnings, []);
    assert.deepEqual(config.present, { nodes: true, projects: true, guardian: true, oyster: true });
    assert.ok(config.nodes.length > 0);
    assert.ok(config.projects.length > 0);
  });

  it("write out every oyster.json and guardian_config.json key", () => {
    const paths = keyPaths(oysterFileSchema(OPTIONS));
    assert.ok(paths.length > 60, "the schema walk found the keys");
    assert.deepEqual(paths.filter((path) => !has(example("oyster.example.json"), path)), []);
    const guardianPaths = keyPaths(guardianFileSchema(OPTIONS));
    assert.deepEqual(guardianPaths.filter((path) => !has(example("guardian_config.example.json"), path)), []);
  });

  it("are matched by a row in config/README.md for every key", () => {
    const readme = readFileSync(join(EXAMPLES, "README.md"), "utf8");
    const paths = [...keyPaths(oysterFileSchema(OPTIONS)), ...keyPaths(guardianFileSchema(OPTIONS))];
    assert.deepEqual(paths.filter((path) => !readme.includes(`| \`${path}\``) && !readme.includes(`, \`${path}\``)), []);
  });
});

describe("config/README.md", () => {
  const readme = () => readFileSync(join(EXAMPLES, "README.md"), "utf8");

  it("documents no key that the schemas do not have", () => {
    const text = readme();
    const known = new Set([...keyPaths(oysterFileSchema(OPTIONS)), ...keyPaths(guardianFileSchema(OPTIONS))]);
    const documented = [...tableRows(text, "## `oyster.json`"), ...tableRows(text, "## `guardian_config.json`")].flatMap((r) => r.keys);
    assert.deepEqual(documented.filter((key) => !known.has(key)), []);
  });

  it("lists exactly the keys of a node and of a monitor account", () => {
    const text = readme();
    const node = schemaAt(nodesFileSchema(OPTIONS), "nodes");
    assert.deepEqual(tableRows(text, "## `nodes.json`").flatMap((r) => r.keys).sort(), objectKeys(node).sort());
    const account = schemaAt(oysterFileSchema(OPTIONS), "monitor.providers.anthropic");
    assert.deepEqual(tableRows(text, "### Monitor accounts").flatMap((r) => r.keys).sort(), objectKeys(account).sort());
  });

  it("gives each key the default the code applies", () => {
    const text = readme();
    const { config } = loadConfig({ dir: configDir(), env: HOME_ENV });
    const files = [
      { heading: "## `oyster.json`", defaults: config.oyster },
      { heading: "## `guardian_config.json`", defaults: config.guardian },
    ];
    const wrong: string[] = [];
    let compared = 0;
    for (const { heading, defaults } of files) {
      for (const row of tableRows(text, heading)) {
        for (const key of row.keys) {
          const actual = key in APPLIED_WHERE_USED ? APPLIED_WHERE_USED[key] : valueAt(defaults, key);
          const documented = documentedDefault(row.defaultCell);
          if (documented) {
            compared++;
            if (JSON.stringify(documented.value) !== JSON.stringify(actual)) wrong.push(`${key}: documented ${row.defaultCell}, applied ${JSON.stringify(actual)}`);
          } else if (/^none\b/.test(row.defaultCell) && actual !== undefined) {
            wrong.push(`${key}: documented ${row.defaultCell}, applied ${JSON.stringify(actual)}`);
          }
        }
      }
    }
    assert.ok(compared > 40, "the Default cells were read");
    assert.deepEqual(wrong, []);
  });
});

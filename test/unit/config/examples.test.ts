import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { CONFIG_FILES, loadConfig } from "../../../src/config/index.ts";
import { guardianFileSchema } from "../../../src/config/schemas/guardian-file.ts";
import { oysterFileSchema } from "../../../src/config/schemas/oyster-file.ts";
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

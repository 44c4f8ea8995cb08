// Fault class "config": every config file (nodes.json, projects.json, guardian_config.json,
// oyster.json) broken the ways files get broken: a wrong type at every key, a required key
// missing, unknown keys, bad cron expressions, duplicate names, a 10 MB file, bytes that are not
// UTF-8, the wrong top-level shape, nesting a parser would overflow on, a directory or a named
// pipe in the file's place. The cases come from the zod schemas themselves (every key path and
// the types it takes) over the shipped example files, so a key added to a schema is fuzzed too.
//
// What must hold: every problem is named as `file: path: message` (a ConfigError), the CLI exits
// 2 printing exactly those lines (and them again in --json), the bot refuses to start with the
// same lines and exit 2, nothing is created in the data dir, no stack trace; an unknown key is a
// warning naming file and path, and the rest still loads. Each case is bounded in time.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe } from "node:test";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { CONFIG_FILES, loadConfig } from "../../src/config/index.ts";
import { cronShapeProblem } from "../../src/config/cron-shape.ts";
import { formatPath } from "../../src/config/format-issues.ts";
import { guardianFileSchema } from "../../src/config/schemas/guardian-file.ts";
import { nodesFileSchema } from "../../src/config/schemas/nodes-file.ts";
import { oysterFileSchema } from "../../src/config/schemas/oyster-file.ts";
import { projectsFileSchema } from "../../src/config/schemas/projects-file.ts";
import { ConfigError } from "../../src/errors.ts";
import { compiledEntryPath } from "../../src/startup/compiled-entry.ts";
import { inProcessCli } from "../helpers/in-process-cli.ts";
import { runOyster } from "../helpers/run-oyster.ts";
import { tmpDir } from "../helpers/tmp-dir.ts";
import { fault, FULL_SUITE } from "./fault-case.ts";

const EXAMPLES = fileURLToPath(new URL("../../config/", import.meta.url));
const SCHEMA_OPTIONS = { strict: false, home: "/home/tester" };
const FILES = [
  { file: CONFIG_FILES.nodes, schema: nodesFileSchema },
  { file: CONFIG_FILES.projects, schema: projectsFileSchema },
  { file: CONFIG_FILES.guardian, schema: guardianFileSchema },
  { file: CONFIG_FILES.oyster, schema: oysterFileSchema },
] as const;
type FileName = (typeof FILES)[number]["file"];

const example = (file: FileName): unknown => JSON.parse(readFileSync(join(EXAMPLES, file.replace(/\.json$/, ".example.json")), "utf8"));

// --- the key paths of a schema -----------------------------------------------------------------

type JsType = "string" | "number" | "boolean" | "array" | "object" | "null";
type Path = Array<string | number>;

interface Leaf {
  path: Path;
  /** The JSON types the schema takes here; undefined when it takes anything. */
  accepts: Set<JsType> | undefined;
  /** Whether the key must be there (no default, not optional). */
  required: boolean;
  /** An object that reports unknown keys (not a record, not a pass-through object). */
  strictObject: boolean;
}

type Def = Record<string, unknown> & { type: string };
const defOf = (s: z.ZodType): Def => s._zod.def as unknown as Def;

/** The JSON types a schema takes, through its wrappers; undefined for "anything". */
function accepts(schema: z.ZodType): Set<JsType> | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
      return accepts(def.innerType as z.ZodType);
    case "nullable": {
      const inner = accepts(def.innerType as z.ZodType);
      return inner && new Set([...inner, "null"]);
    }
    case "pipe":
      return accepts(def.in as z.ZodType);
    case "string":
    case "enum":
    case "template_literal":
      return new Set(["string"]);
    case "number":
    case "int":
      return new Set(["number"]);
    case "boolean":
      return new Set(["boolean"]);
    case "array":
    case "tuple":
      return new Set(["array"]);
    case "object":
    case "record":
      return new Set(["object"]);
    case "literal":
      return new Set((def.values as unknown[]).map((v) => (v === null ? "null" : (typeof v as JsType))));
    case "union": {
      const parts = (def.options as z.ZodType[]).map(accepts);
      return parts.some((p) => p === undefined) ? undefined : new Set(parts.flatMap((p) => [...p!]));
    }
    default:
      return undefined;
  }
}

/** Every key path of a schema, lists stepped into at [0], with what each takes. */
function leaves(schema: z.ZodType, path: Path = [], required = true, out: Leaf[] = []): Leaf[] {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
      return leaves(def.innerType as z.ZodType, path, false, out);
    case "pipe":
      return leaves(def.in as z.ZodType, path, required, out);
    case "object": {
      const loose = def.catchall !== undefined && defOf(def.catchall as z.ZodType).type !== "never";
      out.push({ path, accepts: new Set(["object"]), required, strictObject: !loose });
      for (const [key, inner] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const innerDef = defOf(inner).type;
        leaves(inner, [...path, key], !["optional", "default", "prefault"].includes(innerDef), out);
      }
      return out;
    }
    case "array":
      out.push({ path, accepts: accepts(schema), required, strictObject: false });
      return leaves(def.element as z.ZodType, [...path, 0], true, out);
    default:
      out.push({ path, accepts: accepts(schema), required, strictObject: false });
      return out;
  }
}

/** A value of a JSON type the leaf does not take. */
function wrongValue(leaf: Leaf): unknown | undefined {
  if (!leaf.accepts) return undefined;
  const candidates: Array<[JsType, unknown]> = [["number", 12345], ["string", "not-this-type"], ["boolean", true], ["object", { wrong: 1 }], ["array", ["wrong"]]];
  return candidates.find(([t]) => !leaf.accepts!.has(t))?.[1];
}

// --- documents ---------------------------------------------------------------------------------

const clone = <T>(v: T): T => structuredClone(v);

/** `doc` with `value` at `path`, creating the objects and lists on the way. */
function setAt(doc: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const root = clone(doc) as Record<string | number, unknown>;
  let here = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      here[key] = value;
      return;
    }
    const next = here[key];
    if (next === null || typeof next !== "object") here[key] = typeof path[i + 1] === "number" ? [] : {};
    here = here[key] as Record<string | number, unknown>;
  });
  return root;
}

function getAt(doc: unknown, path: Path): unknown {
  return path.reduce<unknown>((here, key) => (here !== null && typeof here === "object" ? (here as Record<string | number, unknown>)[key] : undefined), doc);
}

function deleteAt(doc: unknown, path: Path): unknown {
  const root = clone(doc);
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown> | undefined;
  if (parent && typeof parent === "object") delete parent[path.at(-1)!];
  return root;
}

/** Every string value of a document, by path. */
function stringPaths(doc: unknown, path: Path = []): Path[] {
  if (typeof doc === "string") return [path];
  if (doc === null || typeof doc !== "object") return [];
  return Object.entries(doc).flatMap(([k, v]) => stringPaths(v, [...path, Array.isArray(doc) ? Number(k) : k]));
}

// --- the cases ---------------------------------------------------------------------------------

interface ConfigCase {
  cls: string;
  broken: string;
  /** Files written over the examples (the others are the examples as shipped). */
  files: Partial<Record<FileName, string | Buffer>>;
  /** Lines the problems must include; `(any)` only requires the file to be named. */
  expect: { problems: string[] } | { warnings: string[] };
  /** A file left out altogether (every file is optional: its defaults apply). */
  omit?: FileName;
  /** A pipe or a directory in the file's place: made by the case itself. */
  prepare?: { file: FileName; make(dir: string): void };
}

const BAD_CRONS = ["61 * * * *", "* * *", "every day at 3", "*/0 * * * *", "0 0 * * 8", "0 0 30 2 *", "0 0 31 4 *", "", "$(reboot) * * * *", "0 3 * * * * *"];

function configCases(): ConfigCase[] {
  const cases: ConfigCase[] = [];
  for (const { file, schema } of FILES) {
    const base = example(file);
    const json = (doc: unknown) => JSON.stringify(doc, null, 2);
    const all = leaves(schema(SCHEMA_OPTIONS));
    for (const leaf of all) {
      const where = formatPath(leaf.path);
      const wrong = wrongValue(leaf);
      if (wrong !== undefined) {
        cases.push({ cls: "wrong type", broken: `${file} ${where} = ${JSON.stringify(wrong)}`, files: { [file]: json(setAt(base, leaf.path, wrong)) }, expect: { problems: [`${file}: ${where}: `] } });
      }
      if (leaf.required && leaf.path.length > 0) {
        const parent = leaf.path.slice(0, -1);
        const withParent = getAt(base, parent) === undefined ? setAt(base, parent, typeof leaf.path.at(-1) === "number" ? [] : {}) : base;
        if (typeof leaf.path.at(-1) === "string") cases.push({ cls: "missing key", broken: `${file} without ${where}`, files: { [file]: json(deleteAt(withParent, leaf.path)) }, expect: { problems: [`${file}: ${where}: `] } });
      }
      if (leaf.strictObject && getAt(base, leaf.path) !== undefined) {
        const typo = [...leaf.path, "zzTypoKey"];
        cases.push({ cls: "unknown key", broken: `${file} ${formatPath(typo)}`, files: { [file]: json(setAt(base, typo, 1)) }, expect: { warnings: [`${file}: ${formatPath(typo)}: unknown key (ignored)`] } });
      }
    }
    // Bad cron at every key that holds a cron expression in the example.
    for (const path of stringPaths(base).filter((p) => /^\S+( \S+){4,5}$/.test(String(getAt(base, p))) && cronShapeProblem(String(getAt(base, p))) === undefined)) {
      const owner = all.find((l) => formatPath(l.path) === formatPath(path));
      if (!owner) continue;
      for (const cron of BAD_CRONS) {
        cases.push({ cls: "bad cron", broken: `${file} ${formatPath(path)} = ${JSON.stringify(cron)}`, files: { [file]: json(setAt(base, path, cron)) }, expect: { problems: [`${file}: ${formatPath(path)}: `] } });
      }
    }
    // Duplicate names in every named list.
    for (const leaf of all.filter((l) => l.path.at(-1) === "name" && l.path.at(-2) === 0)) {
      const listPath = leaf.path.slice(0, -2);
      const list = getAt(base, listPath) as unknown[] | undefined;
      if (!Array.isArray(list) || list.length === 0) continue;
      const doc = setAt(base, listPath, [...list, clone(list[0]), clone(list[0])]);
      const lines = [list.length, list.length + 1].map((i) => `${file}: ${formatPath([...listPath, i, "name"])}: duplicate `);
      cases.push({ cls: "duplicate names", broken: `${file} ${formatPath(listPath)} naming ${JSON.stringify((list[0] as { name: string }).name)} three times`, files: { [file]: json(doc) }, expect: { problems: lines } });
    }
    // 10 MB: garbage, and valid JSON around a 10 MB string.
    cases.push({ cls: "10 MB file", broken: `${file}: 10 MB of garbage`, files: { [file]: "x".repeat(10 * 1024 * 1024) }, expect: { problems: [`${file}: (file): 10.0 MB`] } });
    cases.push({ cls: "10 MB file", broken: `${file}: valid JSON with a 10 MB value`, files: { [file]: json(setAt(base, ["zzNote"], "y".repeat(10 * 1024 * 1024))) }, expect: { problems: [`${file}: (file): 10.0 MB`] } });
    // Not UTF-8: bad bytes in every string of the example (a sequence each, in turn), UTF-16, and outside strings.
    const badBytes = [[0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]];
    stringPaths(base).forEach((path, k) => {
      const marker = "@@BAD@@";
      const text = json(setAt(base, path, `${String(getAt(base, path)).slice(0, 3)}${marker}`));
      const [head, tail] = text.split(marker) as [string, string];
      const bytes = Buffer.concat([Buffer.from(head), Buffer.from(badBytes[k % badBytes.length]!), Buffer.from(tail)]);
      cases.push({ cls: "invalid UTF-8", broken: `${file} ${formatPath(path)} holding bytes ${badBytes[k % badBytes.length]!.map((b) => b.toString(16)).join(" ")}`, files: { [file]: bytes }, expect: { problems: [`${file}: ${formatPath(path)}: not valid UTF-8`] } });
    });
    cases.push({ cls: "invalid UTF-8", broken: `${file} saved as UTF-16`, files: { [file]: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json(base), "utf16le")]) }, expect: { problems: [`${file}: (file): not UTF-8`] } });
    cases.push({ cls: "invalid UTF-8", broken: `${file} with a Latin-1 byte between keys`, files: { [file]: Buffer.concat([Buffer.from("{\n  "), Buffer.from([0xe9]), Buffer.from(json(base).slice(1))]) }, expect: { problems: [`${file}: (file): not valid UTF-8 (byte 0xe9 at line 2, column 3)`] } });
    // The wrong shape, or no JSON at all.
    for (const [what, text] of [["null", "null"], ["a list", "[]"], ["a number", "42"], ["a string", '"nodes"'], ["empty", ""], ["cut in half", json(base).slice(0, Math.floor(json(base).length / 2))], ["nested 100 000 deep", "[".repeat(100_000) + "]".repeat(100_000)], ["objects nested 50 000 deep", '{"a":'.repeat(50_000) + "1" + "}".repeat(50_000)]] as const) {
      cases.push({ cls: "wrong shape", broken: `${file}: ${what}`, files: { [file]: text }, expect: { problems: [`${file}: (file): `] } });
    }
    cases.push({ cls: "missing file", broken: `${file} absent (the others as shipped)`, files: {}, omit: file, expect: { warnings: [] } });
    cases.push({ cls: "not a file", broken: `${file} is a directory`, files: {}, prepare: { file, make: (dir) => mkdirSync(join(dir, file)) }, expect: { problems: [`${file}: (file): is a directory`] } });
    cases.push({ cls: "not a file", broken: `${file} is a named pipe nobody writes`, files: {}, prepare: { file, make: (dir) => execFileSync("mkfifo", [join(dir, file)]) }, expect: { problems: [`${file}: (file): is a named pipe`] } });
  }
  return cases;
}

/** A config dir with the four examples, the case's files over them. */
function writeCase(c: ConfigCase): string {
  const root = tmpDir("oyster-config-");
  const dir = join(root, "config");
  mkdirSync(dir, { mode: 0o700 });
  for (const { file } of FILES) if (!(file in c.files) && c.prepare?.file !== file && c.omit !== file) writeFileSync(join(dir, file), readFileSync(join(EXAMPLES, file.replace(/\.json$/, ".example.json"))));
  for (const [file, content] of Object.entries(c.files)) writeFileSync(join(dir, file), content);
  c.prepare?.make(dir);
  return root;
}

const env = (root: string): NodeJS.ProcessEnv => ({ HOME: root, OYSTER_CONFIG_DIR: join(root, "config"), OYSTER_DATA_DIR: join(root, "data"), PATH: process.env.PATH, LOG_LEVEL: "warn", OYSTER_NO_BOT: "1" });

const PROBLEM_RE = /^(nodes\.json|projects\.json|guardian_config\.json|oyster\.json|environment): (\(file\)|[A-Za-z_$[][^:]*?): \S/;
const STACK_RE = /\n\s+at .+:\d+:\d+\)?$/m;

/** loadConfig on the case: what must hold of its problems or warnings. Returns what broke. */
function judgeLoad(c: ConfigCase, root: string): { broke: string[]; problems?: string[] } {
  const started = performance.now();
  let problems: string[] | undefined;
  let warnings: string[] = [];
  try {
    warnings = loadConfig({ dir: join(root, "config"), env: { HOME: root } }).warnings;
  } catch (err) {
    if (!(err instanceof ConfigError)) return { broke: [`threw ${(err as Error).name}: ${(err as Error).message.slice(0, 200)}`] };
    problems = err.problems;
  }
  const broke: string[] = [];
  const ms = performance.now() - started;
  if (ms > 3000) broke.push(`took ${Math.round(ms)} ms`);
  if ("problems" in c.expect) {
    if (!problems) return { broke: ["loaded without a problem"] };
    for (const want of c.expect.problems) if (!problems.some((p) => p.startsWith(want))) broke.push(`no problem line starting ${JSON.stringify(want)}; got ${JSON.stringify(problems.slice(0, 4)).slice(0, 400)}`);
    for (const p of problems) if (!PROBLEM_RE.test(p)) broke.push(`not "file: path: message": ${JSON.stringify(p.slice(0, 200))}`);
    if (problems.join("\n").length > 20_000) broke.push(`${problems.join("\n").length} characters of problems`);
  } else {
    if (problems) return { broke: [`refused: ${JSON.stringify(problems.slice(0, 3)).slice(0, 300)}`] };
    for (const want of c.expect.warnings) if (!warnings.includes(want)) broke.push(`no warning ${JSON.stringify(want)}; got ${JSON.stringify(warnings.slice(0, 3))}`);
  }
  return { broke, ...(problems ? { problems } : {}) };
}

/** The CLI on the case (in-process): exit 2, exactly the problems on stderr and in --json; nothing in the data dir. */
async function judgeCli(c: ConfigCase, root: string, problems: string[] | undefined): Promise<string[]> {
  const cli = inProcessCli(env(root));
  const broke: string[] = [];
  if (!problems) {
    // The real process: its log lines go to its own stderr (in-process they would go to the test's).
    const r = await runOyster(["jobs"], env(root));
    if (r.code !== 0) broke.push(`CLI exit ${r.code} with only a warning: ${r.stderr.slice(0, 200)}`);
    const expected = (c.expect as { warnings: string[] }).warnings;
    for (const w of expected) if (!r.stderr.includes(w)) broke.push(`CLI does not warn ${JSON.stringify(w)}`);
    return broke;
  }
  const text = await cli(["status"]);
  if (text.code !== 2) broke.push(`CLI exit ${text.code}`);
  if (text.stderr !== `${problems.join("\n")}\n`) broke.push(`CLI stderr is not the problems: ${JSON.stringify(text.stderr.slice(0, 300))}`);
  if (text.stdout !== "") broke.push("CLI printed on stdout");
  const json = await cli(["status", "--json"]);
  if (json.code !== 2 || json.doc?.error?.code !== "ConfigError" || JSON.stringify(json.doc.error.problems) !== JSON.stringify(problems)) broke.push("CLI --json is not one ConfigError document with the problems");
  if (existsSync(join(root, "data"))) broke.push("the data dir was created");
  return broke;
}

function startBot(root: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [compiledEntryPath("main")], { cwd: root, env: env(root), stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (d) => (stderr += d));
  child.stdout.on("data", (d) => (stdout += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return once(child, "exit").then(([code]) => {
    clearTimeout(timer);
    return { code: code as number | null, stderr, stdout };
  });
}

function runAll(cases: ConfigCase[], withCli: (c: ConfigCase, k: number) => boolean): Promise<string[]> {
  return (async () => {
    const failures: string[] = [];
    for (const [k, c] of cases.entries()) {
      const root = writeCase(c);
      const { broke, problems } = judgeLoad(c, root);
      if (broke.length === 0 && withCli(c, k)) broke.push(...(await judgeCli(c, root, problems)));
      if (broke.length) failures.push(`[${c.cls}] ${c.broken}: ${broke.join("; ")}`);
    }
    return failures;
  })();
}

describe("config faults", () => {
  const cases = configCases();
  const classes = [...new Set(cases.map((c) => c.cls))];

  fault(
    "config",
    { broken: "none: the shipped example of every config file, as it is", holds: "loads with no problem and no warning (every case below breaks one thing of a valid whole)", quick: true },
    () => {
      const root = writeCase({ cls: "none", broken: "none", files: {}, expect: { problems: [] } });
      const loaded = loadConfig({ dir: join(root, "config"), env: { HOME: root } });
      assert.deepEqual(loaded.warnings, []);
      // Every schema key is reached by a wrong-type case (a key added to a schema is fuzzed too).
      for (const { file, schema } of FILES) {
        const typed = leaves(schema(SCHEMA_OPTIONS)).filter((l) => l.accepts && l.path.length > 0);
        for (const leaf of typed) assert.ok(cases.some((c) => c.cls === "wrong type" && c.broken.startsWith(`${file} ${formatPath(leaf.path)} = `)), `${file} ${formatPath(leaf.path)} is not fuzzed`);
        assert.ok(typed.length >= 2, `${file}: ${typed.length} keys found in its schema`);
      }
    },
  );

  for (const cls of classes) {
    const mine = cases.filter((c) => c.cls === cls);
    const quickShare = mine.filter((_, k) => k % 10 === 0);
    fault(
      "config",
      {
        broken: `${cls}: ${mine.length} cases over the four files (e.g. ${mine[0]!.broken.slice(0, 70)})`,
        holds: cls === "unknown key" ? "loads; a warning names file and path; the CLI runs and warns" : cls === "missing file" ? "loads with that file's defaults (every file is optional); the CLI runs" : "ConfigError naming file and path; CLI exit 2 printing exactly those lines (and --json); no data dir; bounded time",
        quick: true,
        timeoutMs: 240_000,
      },
      async () => {
        // npm test: every case through loadConfig, the CLI on a tenth; the full suite: the CLI on all.
        const failures = await runAll(mine, (c) => FULL_SUITE || quickShare.includes(c));
        assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${mine.length} broke`);
      },
    );
  }

  fault(
    "config",
    { broken: "all at once: four files broken (wrong type, duplicate node, bad cron, not UTF-8, an unknown key)", holds: "the CLI (bin/oyster.js) and the bot (dist/main.js) both exit 2 printing the same problem lines, every file named, no stack trace, no data dir", quick: true, timeoutMs: 60_000 },
    async () => {
      const nodes = example(CONFIG_FILES.nodes) as { nodes: Array<{ name: string }> };
      const root = writeCase({
        cls: "all",
        broken: "all",
        files: {
          [CONFIG_FILES.nodes]: JSON.stringify({ nodes: [...nodes.nodes, nodes.nodes[0]] }),
          [CONFIG_FILES.projects]: Buffer.concat([Buffer.from('{"projects":[{"name":"web","note":"caf'), Buffer.from([0xe9]), Buffer.from('"}]}')]),
          [CONFIG_FILES.guardian]: JSON.stringify({ interval_seconds: "300", checks: { db_schema: "yes" } }),
          [CONFIG_FILES.oyster]: JSON.stringify({ schedules: { backup: "0 3 31 2 *", report: "0 9 * *" }, ssh: { connectTimeoutMs: -1 }, zzTypoKey: 1 }),
        },
        expect: { problems: [] },
      });
      const want = [
        "nodes.json: nodes[3].name: duplicate node name",
        "projects.json: projects[0].note: not valid UTF-8",
        "guardian_config.json: interval_seconds: ",
        "guardian_config.json: checks.db_schema: ",
        "oyster.json: ssh.connectTimeoutMs: ",
        "oyster.json: schedules.backup: ",
        "oyster.json: schedules.report: ",
      ];
      const cli = await runOyster(["status"], env(root));
      const bot = await startBot(root);
      for (const [who, r] of [["CLI", cli], ["bot", bot]] as const) {
        assert.equal(r.code, 2, `${who}: ${r.stderr}`);
        assert.equal(r.stdout, "", who);
        assert.doesNotMatch(r.stderr, STACK_RE, who);
        for (const line of want) assert.ok(r.stderr.split("\n").some((l) => l.startsWith(line)), `${who} does not say ${line}:\n${r.stderr}`);
      }
      // The same lines, word for word (the bot adds nothing, leaves nothing out).
      const lines = (s: string) => s.split("\n").filter((l) => PROBLEM_RE.test(l));
      assert.deepEqual(lines(bot.stderr), lines(cli.stderr));
      assert.equal(existsSync(join(root, "data")), false);
    },
  );

  fault(
    "config",
    { broken: "bot start: each class of broken file alone, to the bot process (dist/main.js)", holds: "the bot refuses to start: exit 2, the problem lines exactly as loadConfig names them, no stack trace", timeoutMs: 180_000 },
    async () => {
      // One case of each class (the first), the pipe included: the bot must not hang on it.
      for (const cls of classes.filter((c) => c !== "unknown key" && c !== "missing file")) {
        const c = cases.find((x) => x.cls === cls)!;
        const root = writeCase(c);
        const { problems } = judgeLoad(c, root);
        const bot = await startBot(root);
        assert.equal(bot.code, 2, `${c.broken}: ${bot.stderr.slice(0, 300)}`);
        assert.deepEqual(bot.stderr.split("\n").filter((l) => PROBLEM_RE.test(l)), problems, c.broken);
        assert.doesNotMatch(bot.stderr, STACK_RE, c.broken);
      }
    },
  );
});

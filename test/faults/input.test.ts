// Fault class "input": every command in the registry, every subcommand and argument position,
// fed what an attacker or a bad paste types: unknown names, shell metacharacters, $(...),
// backticks, .., absolute paths, NUL and control characters, 100 KB and unicode words. The cases
// are generated from the registry itself (each command's usage line and options), so a new
// command, subcommand or option is fuzzed without anyone writing its cases here.
//
// What must hold, from the CLI (in-process, and a sample through the real bin/oyster.js) and from
// Slack (the /oyster router, and a sample over Socket Mode through the Slack stand-in): a clear
// error (exit 2, or an ephemeral reply) naming the argument that was wrong; nothing run: no SSH
// connection is even opened (every node points at a recording TCP listener), no shell on the
// controller (dispatch's commands would touch marker files), no `$(...)` or backtick executed
// (its sentinel file never appears), state.db byte-for-byte the same (no audit row, no alert,
// silence or confirmation), config files unchanged; no stack trace, no Internal error.
// A `--reason` (an option marked `value: "text"`) is a person's words: metacharacters and unicode
// are kept verbatim as data, never run; control characters and 100 KB are refused like anywhere.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import Database from "better-sqlite3";
import { commands } from "../../commands/index.ts";
import { AlertBook } from "../../src/alerts/alert-book.ts";
import type { AnyCommand } from "../../src/command/types.ts";
import { OysterError, type ErrorCode } from "../../src/errors.ts";
import { silentLogger } from "../../src/log.ts";
import { openRuntime, type Runtime } from "../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import type { SlackReply } from "../../src/slack/render/messages.ts";
import { handleSlash, type SlackDeps } from "../../src/slack/router.ts";
import { unescapeSlack } from "../../src/slack/tokenize.ts";
import { openStore } from "../../src/store/index.ts";
import { inProcessCli } from "../helpers/in-process-cli.ts";
import { runOyster } from "../helpers/run-oyster.ts";
import { startStandIn } from "../helpers/slack-standin/index.ts";
import { tmpDir } from "../helpers/tmp-dir.ts";
import { assertWithinSlackLimits } from "../unit/slack/block-limits.ts";
import { fault, FULL_SUITE } from "./fault-case.ts";

// --- the argument positions of every command, read from its usage line ------------------------

/** One word position of a command line: a subcommand, a placeholder, a flag or a flag's value. */
type Slot =
  | { kind: "literal"; word: string }
  | { kind: "placeholder"; name: string }
  | { kind: "flag"; flag: string }
  | { kind: "value"; flag: string; sample: string };
type Grammar = { t: "seq"; items: Grammar[] } | { t: "alt"; alts: Grammar[] } | { t: "opt"; body: Grammar } | { t: "slot"; id: number; slot: Slot };
/** A form: one way to fill the usage line, as slots with ids stable across forms. */
type Form = Array<{ id: number; slot: Slot }>;

const SHARED_FLAGS = new Set(["--json", "--yes", "-y"]);

/**
 * The forms of a usage line such as `nodes [add <name> [--host H] | remove <name>] [--json]`:
 * `[...]` optional, `(...)` a group, `a | b` and `a|b` alternatives, `<x>` a placeholder, `--f V`
 * a string option and its sample value, `(nodes: ...)` a note that is not part of the line.
 */
export function usageForms(cmd: AnyCommand): Form[] {
  const toks = [...cmd.usage.matchAll(/<[^>]*>|\.\.\.|[a-z][\w-]*(?:\|[a-z][\w-]*)+|[[\]()|]|[^\s[\]()|<]+/g)].map((m) => m[0]);
  if (toks[0] === cmd.name) toks.shift();
  let i = 0;
  let nextId = 0;
  const slot = (s: Slot): Grammar => ({ t: "slot", id: nextId++, slot: s });
  const parse = (close?: string): Grammar => {
    const alts: Grammar[] = [];
    let seq: Grammar[] = [];
    while (i < toks.length && toks[i] !== close) {
      const tok = toks[i++]!;
      if (tok === "|") {
        alts.push({ t: "seq", items: seq });
        seq = [];
      } else if (tok === "[") {
        seq.push({ t: "opt", body: parse("]") });
        i++;
      } else if (tok === "(" && toks[i]?.endsWith(":")) {
        for (let depth = 1; i < toks.length && depth > 0; i++) depth += toks[i] === "(" ? 1 : toks[i] === ")" ? -1 : 0;
      } else if (tok === "(") {
        seq.push(parse(")"));
        i++;
      } else if (tok === "..." || SHARED_FLAGS.has(tok) || (tok === cmd.name && seq.length === 0)) {
        // a repeat mark, a flag every command shares, or `check ... | check --rearm`'s name again
      } else if (tok.startsWith("<")) {
        seq.push(slot({ kind: "placeholder", name: tok.slice(1, -1).replace(/\.\.\..*$|\|.*$/, "") }));
      } else if (tok.startsWith("--")) {
        const flag = tok.slice(2);
        seq.push(slot({ kind: "flag", flag }));
        if (cmd.options?.[flag]?.type === "string" && toks[i] !== undefined && !"|[]()".includes(toks[i]!)) {
          seq.push(slot({ kind: "value", flag, sample: toks[i++]!.replace(/^<|>$/g, "") }));
        }
      } else if (tok.includes("|")) {
        seq.push({ t: "alt", alts: tok.split("|").map((word) => slot({ kind: "literal", word })) });
      } else {
        seq.push(slot({ kind: "literal", word: tok.replace(/\.\.\.$/, "") }));
      }
    }
    alts.push({ t: "seq", items: seq });
    return alts.length === 1 ? alts[0]! : { t: "alt", alts };
  };
  const expand = (g: Grammar): Form[] => {
    if (g.t === "slot") return [[{ id: g.id, slot: g.slot }]];
    if (g.t === "opt") return [[], ...expand(g.body)];
    if (g.t === "alt") return g.alts.flatMap(expand);
    return g.items.reduce<Form[]>((acc, item) => acc.flatMap((a) => expand(item).map((x) => [...a, ...x])), [[]]);
  };
  return expand(parse());
}

// --- what is typed -----------------------------------------------------------------------------

type HostileClass = "unknown" | "semicolon" | "pipe" | "ampersand" | "redirect-out" | "redirect-in" | "subshell" | "backticks" | "dotdot" | "absolute" | "nul" | "control" | "100kb" | "unicode" | "leading-dash";

function hostileValues(sentinel: string): Record<HostileClass, string> {
  return {
    unknown: "no-such-thing",
    semicolon: `node-1;touch ${sentinel}`,
    pipe: "node-1|id",
    ampersand: "node-1&&id",
    "redirect-out": `node-1>${sentinel}`,
    "redirect-in": "node-1</etc/passwd",
    subshell: `$(touch ${sentinel})`,
    backticks: `\`touch ${sentinel}\``,
    dotdot: "../../../etc/passwd",
    absolute: "/etc/passwd",
    nul: "node-1\u0000x",
    control: "node-1\u001b]52;c;aGk=\u0007\u001b[2J\r",
    "100kb": "x".repeat(100 * 1024),
    unicode: "nöde-１\u202eü😀",
    "leading-dash": "-rf",
  };
}

/** What a value of this kind may be: the classes it accepts (as data) instead of refusing. */
function acceptedClasses(kind: "name" | "text" | "path"): Set<HostileClass> {
  if (kind === "text") return new Set(["unknown", "semicolon", "pipe", "ampersand", "redirect-out", "redirect-in", "subshell", "backticks", "dotdot", "absolute", "unicode", "leading-dash"]);
  // A path on a node: absolute, or a plain relative name.
  if (kind === "path") return new Set(["unknown", "absolute"]);
  return new Set();
}

/**
 * Well-formed values for the positions around the one under test, by placeholder or flag name,
 * so that only the fuzzed word is wrong. A new placeholder gets "x1": its cases still run, and the
 * coverage check below names it so a real value can be added here.
 */
const PLACEHOLDER_VALUES: Record<string, string> = {
  name: "node-1", node: "node-1", nodes: "node-1", project: "proj-a", check: "ssh_connection", unit: "agent-daemon", id: "A1",
  duration: "1h", snapshot: "dispatch-20261127-030000.db", job: "monitor", command: "status", "task-id": "1",
};
const FLAG_VALUES: Record<string, string> = {
  host: "10.0.0.9", port: "22", user: "agent", "dispatch-dir": "~/dispatch", tags: "gpu", fingerprint: `SHA256:${"A".repeat(43)}`, reason: "maintenance",
  node: "node-1", tag: "gpu", check: "ssh_connection", source: "guardian", for: "1h", ocpus: "1", memory: "6", ad: "AD-1", hours: "24", account: "main",
  interval: "300", lines: "50", level: "warn", job: "guardian", parallel: "1", since: "24h",
};
const fillSlot = (s: Slot): string =>
  s.kind === "literal" ? s.word : s.kind === "placeholder" ? (PLACEHOLDER_VALUES[s.name] ?? "x1") : s.kind === "flag" ? `--${s.flag}` : (FLAG_VALUES[s.flag] ?? s.sample);

/** Forms where a well-formed unknown name is the point: it names something new. */
const NEW_NAME_FORMS = [["nodes", "add"]];

interface FuzzCase {
  cmd: AnyCommand;
  /** The command line after the command's name, the fuzzed word included. */
  words: string[];
  /** The word under test, and what the message must mention: `--flag` or the word, for an option's value. */
  value: string;
  names: string[];
  where: string;
  cls: HostileClass;
  /** The word is data (a reason) or a legal path or a new name: it may be accepted. */
  mayAccept: boolean;
  kind: "name" | "text" | "path";
}

/**
 * Every position of every command with every class of hostile word: for each slot of each usage
 * form, the shortest form holding it with that slot replaced; every string option the usage line
 * does not place; and an extra word and an unknown `--flag` after each subcommand path (commands
 * are strict). The command name itself has a row of its own.
 */
function fuzzCases(values: Record<HostileClass, string>): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const seen = new Set<string>();
  const add = (c: Omit<FuzzCase, "names"> & { names?: string[] }) => {
    const key = JSON.stringify([c.cmd.name, c.words]);
    if (seen.has(key)) return;
    seen.add(key);
    cases.push({ ...c, names: c.names ?? [c.value] });
  };
  for (const cmd of commands) {
    const forms = usageForms(cmd);
    const shortest = new Map<number, Form>();
    for (const form of forms) for (const { id } of form) if (!shortest.has(id) || shortest.get(id)!.length > form.length) shortest.set(id, form);
    // Options the usage line does not place (restart's --tag lives in a note): after the first form.
    const placed = new Set(forms.flatMap((f) => f.flatMap(({ slot }) => (slot.kind === "value" ? [slot.flag] : []))));
    const loose = Object.entries(cmd.options ?? {}).filter(([flag, spec]) => spec.type === "string" && !placed.has(flag));
    for (const [cls, value] of Object.entries(values) as Array<[HostileClass, string]>) {
      for (const [id, form] of shortest) {
        const at = form.findIndex((s) => s.id === id);
        const s = form[at]!.slot;
        if (s.kind === "flag") continue;
        const words = form.map(({ slot }) => fillSlot(slot));
        words[at] = value;
        const kind = s.kind === "value" ? (cmd.options?.[s.flag]?.value ?? "name") : "name";
        const prefix = words.slice(0, at);
        const newName = cls === "unknown" && NEW_NAME_FORMS.some((f) => f[0] === cmd.name && f.slice(1).every((w, k) => prefix[k] === w));
        add({ cmd, words, value, cls, kind, where: s.kind === "value" ? `--${s.flag}` : `word ${at + 1}`, names: s.kind === "value" ? [`--${s.flag}`, value] : [value], mayAccept: acceptedClasses(kind).has(cls) || newName });
      }
      for (const [flag, spec] of loose) {
        add({ cmd, words: [...(forms[0] ?? []).map(({ slot }) => fillSlot(slot)), `--${flag}`, value], value, cls, kind: spec.value ?? "name", where: `--${flag}`, names: [`--${flag}`, value], mayAccept: acceptedClasses(spec.value ?? "name").has(cls) });
      }
      // An extra word and an unknown option after each subcommand path (its shortest form).
      const paths = new Map<string, Form>();
      for (const form of forms) {
        const path = form.flatMap(({ slot }) => (slot.kind === "literal" ? [slot.word] : [])).join(" ");
        if (!paths.has(path) || paths.get(path)!.length > form.length) paths.set(path, form);
      }
      for (const form of paths.values()) {
        const words = form.map(({ slot }) => fillSlot(slot));
        add({ cmd, words: [...words, value], value, cls, kind: "name", where: "an extra word", mayAccept: false });
        if (!value.startsWith("-")) add({ cmd, words: [...words, `--${value}`], value: `--${value}`, cls, kind: "name", where: "an unknown option", mayAccept: false });
      }
    }
  }
  return cases;
}

/**
 * `npm test`'s share: every position of every command once, the hostile class turning from case to
 * case so that every class is still met; the full suite takes every class at every position.
 */
function quickShare(cases: FuzzCase[]): FuzzCase[] {
  const classes = new Set(cases.map((c) => c.cls)).size;
  const byPosition = new Map<string, FuzzCase[]>();
  for (const c of cases) {
    const key = `${c.cmd.name} ${c.where} ${c.words.length}`;
    byPosition.set(key, [...(byPosition.get(key) ?? []), c]);
  }
  return [...byPosition.values()].map((group, k) => group[k % Math.min(classes, group.length)]!);
}

// --- the sandbox: a fleet that records any attempt to reach it ---------------------------------

interface AuditRow {
  command: string;
  args: string;
  decision: string;
  outcome: string;
}

interface Sandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
  sentinel: string;
  /** TCP connections the nodes' listener took: any at all means SSH was attempted. */
  connections(): number;
  /** dispatch's start/stop/status commands touch these; none may exist. */
  markers: string[];
  stateDigest(): string;
  configDigest(): string;
  auditRows(): AuditRow[];
  close(): Promise<void>;
}

async function sandbox(): Promise<Sandbox> {
  const dir = tmpDir("oyster-input-");
  let connections = 0;
  const listener: Server = createServer((s) => {
    connections++;
    s.destroy();
  });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  const port = (listener.address() as { port: number }).port;
  const cfg = join(dir, "config");
  const data = join(dir, "data");
  const dispatchDir = join(dir, "dispatch");
  mkdirSync(cfg);
  mkdirSync(dispatchDir);
  const markers = ["start", "stop", "status"].map((a) => join(dir, `dispatch-${a}-ran`));
  writeFileSync(join(cfg, "nodes.json"), JSON.stringify({ nodes: [{ name: "node-1", host: "127.0.0.1", port, services: ["agent-daemon"] }, { name: "node-2", host: "127.0.0.1", port, tags: ["gpu"] }] }));
  writeFileSync(join(cfg, "projects.json"), JSON.stringify({ projects: [{ name: "proj-a" }] }));
  writeFileSync(
    join(cfg, "oyster.json"),
    JSON.stringify({
      dispatch: { dir: dispatchDir, startCommand: `touch ${markers[0]} # {project}`, stopCommand: `touch ${markers[1]} # {project}`, statusCommand: `touch ${markers[2]} # {project}` },
      ssh: { knownHostsFile: join(dir, "known_hosts"), connectTimeoutMs: 500, commandTimeoutMs: 1000 },
      roles: { admins: ["UADMIN"], operators: ["UOPER"] },
    }),
  );
  const env: NodeJS.ProcessEnv = { HOME: dir, OYSTER_CONFIG_DIR: cfg, OYSTER_DATA_DIR: data, PATH: process.env.PATH, LOG_LEVEL: "error", OYSTER_NO_BOT: "1" };
  // One open alert, A1, for ack and snooze to name.
  const store = openStore(data);
  const book = new AlertBook(store, { dataDir: data, notifier: { notify: async () => {} }, now: () => new Date(), reminderMinutes: 60, retentionDays: 7, log: silentLogger() });
  await book.raise({ source: "guardian", check: "node_availability", node: "node-2", severity: "critical", message: "node-2 unreachable", attempts: 0 });
  store.close();
  const readState = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(join(data, "state.db"), { readonly: true, fileMustExist: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    dir,
    env,
    sentinel: join(dir, "pwned"),
    connections: () => connections,
    markers,
    stateDigest: () =>
      readState((db) => {
        const h = createHash("sha256");
        // The audit table is judged row by row (auditRows): a refused attempt is on record by design.
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit' ORDER BY name").all() as Array<{ name: string }>;
        for (const { name } of tables) h.update(`${name}\n${JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).raw().all())}\n`);
        return h.digest("hex");
      }),
    configDigest: () => createHash("sha256").update(["nodes.json", "projects.json", "oyster.json"].map((f) => readFileSync(join(cfg, f), "utf8")).join("\0")).digest("hex"),
    auditRows: () => readState((db) => db.prepare("SELECT command, args, decision, outcome FROM audit ORDER BY id").all() as AuditRow[]),
    close: () => new Promise<void>((r) => listener.close(() => r())),
  };
}

// --- the checks --------------------------------------------------------------------------------

const STACK_RE = /\n\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/** Whether the message names the word: as typed, or its start before anything a message escapes. */
function namesIt(message: string, word: string): boolean {
  if (message.includes(word)) return true;
  // `-rf` is read as short options: the first one is named.
  if (/^-[^-]/.test(word)) return message.includes(word.slice(0, 2));
  const start = [...word].slice(0, 8).join("").split(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/)[0]!;
  return start.length > 0 && (message.includes(start) || message.includes(JSON.stringify(start).slice(1, -1)));
}

/**
 * What became of an invocation: refused (exit 2, or Slack's error reply for such a code); looked
 * (the name was well-formed and only looking could tell it is not there: a task.log that does not
 * exist, or a feature not configured: exit 1); or accepted (ran, or stopped for confirmation).
 */
type Outcome = "refused" | "looked" | "accepted";

interface Observation {
  outcome: Outcome;
  code?: string;
  message: string;
  /** Anything shown to a person (stdout, stderr, a reply's blocks). */
  shown: string;
}

const LOOKED = new Set(["FileNotFound", "NotConfigured"]);

const outcomeOf = (exit: number, code: string | undefined): Outcome => (exit === 2 ? "refused" : exit === 1 && code && LOOKED.has(code) ? "looked" : "accepted");

interface Before {
  connections: number;
  state: string;
  audit: number;
}

/** The invariants of one case; returns what broke (empty when it held). */
function judge(sb: Sandbox, c: FuzzCase, seen: Observation, before: Before, surface: "cli" | "slack"): string[] {
  const broke: string[] = [];
  if (sb.connections() !== before.connections) broke.push("an SSH connection was opened");
  if (existsSync(sb.sentinel)) broke.push("the injected command ran (sentinel file exists)");
  for (const m of sb.markers) if (existsSync(m)) broke.push(`a dispatch command ran on the controller (${m})`);
  if (STACK_RE.test(seen.shown)) broke.push("a stack trace was shown");
  if (seen.code === "Internal") broke.push(`an Internal error: ${seen.message.slice(0, 200)}`);
  if (seen.shown.length > 8000) broke.push(`${seen.shown.length} characters of output`);
  const newRows = sb.auditRows().slice(before.audit);
  if (c.cmd.slack === false && surface === "slack") {
    if (!/runs from the CLI only/.test(seen.message)) broke.push(`not refused as CLI-only: ${seen.message.slice(0, 200)}`);
    return broke;
  }
  if (c.mayAccept) {
    // Data, a legal path or a new name: it may run or be refused for another reason (node-1
    // exists). A reason that was taken is on record exactly as typed, never interpreted.
    const rows = newRows.filter((r) => r.command === c.cmd.name && r.decision !== "denied");
    if (c.kind === "text" && seen.outcome === "accepted" && rows.length > 0 && !rows.some((r) => (JSON.parse(r.args) as Record<string, unknown>).reason === c.value)) {
      broke.push("the reason is not on record verbatim");
    }
    return broke;
  }
  const looked = seen.outcome === "looked" && c.cls === "unknown";
  if (seen.outcome !== "refused" && !looked) {
    broke.push(`not refused (${seen.code ?? "ran"}): ${seen.message.slice(0, 200)}`);
    return broke;
  }
  // An extra word may shift the others (`service <nodes> <unit>`): naming any word of the line will do.
  const named = c.names.some((w) => namesIt(seen.message, w)) || (c.where === "an extra word" && c.words.some((w) => w.length > 1 && namesIt(seen.message, w)));
  if (!named && !looked) broke.push(`the error does not name ${c.where} (${c.names[0]!.slice(0, 40)}): ${seen.message.slice(0, 300)}`);
  if (sb.stateDigest() !== before.state) broke.push("state.db changed (beyond the audit)");
  // A refused plan or role is on record (decision refused / denied); a look that found nothing,
  // from Slack, is an audited read that failed. Nothing else: no run of anything.
  for (const r of newRows) {
    const fine = r.decision === "refused" || r.decision === "denied" || (looked && r.outcome === "failed");
    if (!fine) broke.push(`an audit row of a run: ${r.command} ${r.decision} ${r.outcome}`);
  }
  return broke;
}

function cliObservation(r: { code: number; stdout: string; stderr: string; doc: any }): Observation {
  const error = r.doc?.ok === false ? (r.doc.error as { code: string; message: string }) : undefined;
  return { outcome: outcomeOf(r.code, error?.code), code: error?.code, message: error?.message ?? r.stderr, shown: r.stdout + r.stderr };
}

function slackObservation(reply: SlackReply): Observation {
  const code = /^([A-Z][A-Za-z]+): /.exec(reply.text)?.[1];
  // The exit code the CLI would give for the same error: Slack refuses with the same codes.
  const exit = reply.responseType === "ephemeral" && code ? new OysterError(code as ErrorCode, "").exitCode : 0;
  const body = reply.blocks.map((b) => (b as { text?: { text?: string } }).text?.text ?? "").join("\n");
  return { outcome: outcomeOf(exit, code), code, message: unescapeSlack(body), shown: reply.text + reply.blocks.map((b) => JSON.stringify(b)).join("\n") };
}

/** The text Slack delivers for these words, typed with quotes where needed; undefined when no quoting can carry a word. */
function slackText(name: string, words: string[]): string | undefined {
  const typed: string[] = [];
  for (const w of [name, ...words]) {
    if (w !== "" && !/[\s'"\u2018\u2019\u201c\u201d]/.test(w)) typed.push(w);
    else if (!w.includes('"')) typed.push(`"${w}"`);
    else if (!w.includes("'")) typed.push(`'${w}'`);
    else return undefined;
  }
  // Slack escapes &, < and > in command text.
  return typed.join(" ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const describeCase = (c: FuzzCase) => `${c.cmd.name} ${c.where} = ${c.cls}: ${JSON.stringify([c.cmd.name, ...c.words]).slice(0, 160)}`;

function report(failures: string[], ran: number): void {
  assert.ok(ran > 0, "no case ran");
  assert.deepEqual(failures.slice(0, 25), [], `${failures.length} of ${ran} cases broke`);
}

async function runCliCases(sb: Sandbox, cases: FuzzCase[]): Promise<string[]> {
  const cli = inProcessCli(sb.env);
  const failures: string[] = [];
  for (const c of cases) {
    const before = { connections: sb.connections(), state: sb.stateDigest(), audit: sb.auditRows().length };
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<"hung">((r) => (timer = setTimeout(() => r("hung"), 20_000)));
    const r = await Promise.race([cli([c.cmd.name, ...c.words, "--json"]), hung]);
    clearTimeout(timer);
    if (r === "hung") {
      failures.push(`${describeCase(c)}: still running after 20 s`);
      continue;
    }
    const broke = judge(sb, c, cliObservation(r), before, "cli");
    if (r.code !== 0 && r.doc?.ok !== false) broke.push(`exit ${r.code} without one JSON error document on stdout`);
    if (![0, 1, 2, 3].includes(r.code)) broke.push(`exit ${r.code}`);
    if (broke.length) failures.push(`${describeCase(c)}: ${broke.join("; ")}`);
  }
  return failures;
}

async function runSlackCases(sb: Sandbox, deps: SlackDeps, cases: FuzzCase[]): Promise<{ failures: string[]; ran: number }> {
  const failures: string[] = [];
  let ran = 0;
  for (const c of cases) {
    const text = slackText(c.cmd.name, c.words);
    if (text === undefined) continue;
    ran++;
    const before = { connections: sb.connections(), state: sb.stateDigest(), audit: sb.auditRows().length };
    const reply = await handleSlash(deps, { text, userId: "UADMIN", channelId: "COPS" });
    const broke = judge(sb, c, slackObservation(reply), before, "slack");
    try {
      assertWithinSlackLimits(reply);
    } catch (err) {
      broke.push(`over Slack's limits (${(err as Error).message.split("\n")[0]})`);
    }
    if (reply.responseType !== "ephemeral" && !c.mayAccept) broke.push("answered in the channel");
    if (reply.responseType === "ephemeral" && !/^:(x|no_entry):/.test(String((reply.blocks[0] as { text?: { text?: string } } | undefined)?.text?.text)) && !c.mayAccept) broke.push("an ephemeral reply that is not an error");
    if (broke.length) failures.push(`${describeCase(c)}: ${broke.join("; ")}`);
  }
  return { failures, ran };
}

// --- the cases ---------------------------------------------------------------------------------

// Counted here for the rows' names; the cases themselves are made in `before`, with the sandbox's sentinel path.
const ALL_COUNT = fuzzCases(hostileValues("/sentinel")).length;
const QUICK_COUNT = quickShare(fuzzCases(hostileValues("/sentinel"))).length;

describe("input faults", () => {
  let sb: Sandbox;
  let all: FuzzCase[];
  let quick: FuzzCase[];
  let rt: Runtime;
  let deps: SlackDeps;

  before(async () => {
    sb = await sandbox();
    all = fuzzCases(hostileValues(sb.sentinel));
    quick = quickShare(all);
    rt = openRuntime({ processEnv: sb.env, stderrLevel: "silent" });
    deps = { config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log, env: sb.env, dataDir: rt.env.dataDir, commands, now: () => new Date() };
  });
  after(async () => {
    await rt?.close();
    await sb?.close();
  });

  fault(
    "input",
    { broken: "registry: every command, subcommand, option and placeholder fuzzed (a new command is too)", holds: "every string option and every command reached by a case; every hostile class met in npm test's share", quick: true },
    () => {
      const fuzzed = new Set(all.map((c) => `${c.cmd.name} ${c.where}`));
      for (const cmd of commands) {
        for (const [flag, spec] of Object.entries(cmd.options ?? {})) if (spec.type === "string") assert.ok(fuzzed.has(`${cmd.name} --${flag}`), `${cmd.name} --${flag} is never fuzzed`);
        // At least an extra word and an unknown option of every class.
        assert.ok(all.filter((c) => c.cmd === cmd).length >= 2 * Object.keys(hostileValues("x")).length - 1, `${cmd.name}: too few cases`);
      }
      // Placeholders with no well-formed value here would hide the positions after them.
      const unknown = commands.flatMap((cmd) => usageForms(cmd).flat().flatMap(({ slot }) => (slot.kind === "placeholder" && !(slot.name in PLACEHOLDER_VALUES) ? [`${cmd.name} <${slot.name}>`] : [])));
      assert.deepEqual([...new Set(unknown)], [], "placeholders without a well-formed value in PLACEHOLDER_VALUES");
      assert.equal(new Set(quick.map((c) => c.cls)).size, Object.keys(hostileValues("x")).length);
      assert.ok(quick.length < all.length / 5);
    },
  );

  fault(
    "input",
    { broken: "command name: unknown, shell metacharacters, $(...), NUL, 100 KB, unicode (CLI and Slack)", holds: "exit 2 / an ephemeral reply: unknown command, quoted and cut; nothing run", quick: true },
    async () => {
      const cli = inProcessCli(sb.env);
      for (const value of Object.values(hostileValues(sb.sentinel))) {
        const r = await cli([value, "--json"]);
        assert.equal(r.code, 2, value.slice(0, 40));
        assert.equal(r.doc?.error?.code, "UnknownCommand");
        assert.ok(r.doc.error.message.length < 300, r.doc.error.message.slice(0, 400));
        const reply = await handleSlash(deps, { text: slackText(value, []) ?? "x", userId: "UADMIN", channelId: "COPS" });
        assert.equal(reply.responseType, "ephemeral");
        assert.match(reply.text, /^UnknownCommand: unknown command /);
        assertWithinSlackLimits(reply);
      }
      assert.equal(sb.connections(), 0);
      assert.equal(existsSync(sb.sentinel), false);
    },
  );

  fault(
    "input",
    { broken: `CLI, ${QUICK_COUNT} cases: every command's every argument position, one hostile class each (turning), in-process`, holds: "exit 2 with one JSON error naming the argument, no Internal, no stack; no SSH connection, no shell, state.db and config unchanged", quick: true },
    async () => {
      const config = sb.configDigest();
      report(await runCliCases(sb, quick), quick.length);
      assert.equal(sb.configDigest(), config, "a config file changed");
    },
  );

  fault(
    "input",
    { broken: `Slack, ${QUICK_COUNT} cases: every command's every argument position, one hostile class each (turning), /oyster router`, holds: "an ephemeral error naming the argument within Slack's limits; nothing run, state.db unchanged", quick: true },
    async () => {
      const { failures, ran } = await runSlackCases(sb, deps, quick);
      report(failures, ran);
    },
  );

  fault(
    "input",
    { broken: `CLI, ${ALL_COUNT} cases: every command x argument position x hostile class (unknown, ; & > < and pipes, $(...), backticks, .., /abs, NUL, ESC/OSC, 100 KB, unicode, -rf), in-process`, holds: "exit 2 naming the argument; a --reason keeps metacharacters verbatim as data; nothing run, no stack, state unchanged", timeoutMs: 290_000 },
    async () => {
      const config = sb.configDigest();
      report(await runCliCases(sb, all), all.length);
      assert.equal(sb.configDigest(), config, "a config file changed");
    },
  );

  fault(
    "input",
    { broken: `Slack, ${ALL_COUNT} cases: every command x argument position x hostile class, /oyster router`, holds: "an ephemeral error naming the argument within Slack's limits; a --reason kept verbatim; nothing run, state unchanged", timeoutMs: 290_000 },
    async () => {
      const { failures, ran } = await runSlackCases(sb, deps, all);
      report(failures, ran);
    },
  );

  fault(
    "input",
    { broken: "CLI process: hostile arguments through the real bin/oyster.js (argv cannot carry NUL)", holds: "exit 2, one `oyster:` line on stderr naming the argument, nothing on stdout, no stack; nothing run", quick: true, timeoutMs: 120_000 },
    async () => {
      const values = Object.entries(hostileValues(sb.sentinel)).filter(([cls]) => cls !== "nul");
      // One class per command in the quick share; every class on each of these in the full suite.
      const lines: Array<(v: string) => string[]> = [(v) => ["status", v], (v) => ["restart", "service", "node-1", v], (v) => ["logs", "task", v, "1"], (v) => ["units", "node-1", "--lines", v]];
      const runs = FULL_SUITE ? lines.flatMap((line) => values.map(([, v]) => line(v))) : values.map(([, v], k) => lines[k % lines.length]!(v));
      const env = { ...sb.env };
      delete env.OYSTER_NO_BOT;
      for (const argv of runs) {
        const r = await runOyster(argv, env);
        const what = JSON.stringify(argv).slice(0, 120);
        assert.equal(r.code, 2, `${what}: ${r.stderr.slice(0, 300)}`);
        assert.equal(r.stdout, "", what);
        assert.match(r.stderr, /^oyster: /, what);
        assert.doesNotMatch(r.stderr, STACK_RE, what);
        assert.ok(r.stderr.length < 2000, `${what}: ${r.stderr.length} characters on stderr`);
      }
      assert.equal(sb.connections(), 0);
      assert.equal(existsSync(sb.sentinel), false);
      for (const m of sb.markers) assert.equal(existsSync(m), false, m);
    },
  );

  fault(
    "input",
    { broken: "Slack Socket Mode: hostile /oyster text through the real Bolt app and the Slack stand-in", holds: "acked in time with an ephemeral error; nothing run; no audit row", quick: true, timeoutMs: 60_000 },
    async () => {
      const standIn = await startStandIn();
      let slack: SlackApp | undefined;
      try {
        slack = createSlackApp({ enabled: true, mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: standIn.apiUrl }, deps, { port: 0 });
        await slack.start();
        await standIn.waitForSocket();
        const auditBefore = sb.auditRows().length;
        const texts = [
          `restart service node-1 '$(touch ${sb.sentinel})'`,
          `restart daemon "node-1; touch ${sb.sentinel}"`,
          "units node-1 `id` --lines 5",
          "logs task proj-a ../../../etc/passwd",
          `status ${"x".repeat(100 * 1024)}`,
          "sync n\u0000de-1 --dry-run",
          "nodes drain nöde-１\u202e",
          "restore /etc/passwd",
        ];
        for (const text of texts) {
          const r = await standIn.slashCommand({ text, user_id: "UADMIN", channel_id: "COPS" });
          const ack = r.ack as { response_type?: string; text?: string; blocks?: unknown[] };
          assert.ok(r.ackMs < 3000, `${text.slice(0, 60)}: acked after ${r.ackMs} ms`);
          assert.equal(ack.response_type, "ephemeral", text.slice(0, 60));
          assert.match(String(ack.text), /^(InvalidArgument|UsageError|UnknownNode|UnknownService|UnknownProject|FileNotFound): /, text.slice(0, 60));
          assertWithinSlackLimits({ text: String(ack.text), blocks: (ack.blocks ?? []) as Array<Record<string, unknown>> });
        }
        assert.equal(sb.auditRows().length, auditBefore);
        assert.equal(sb.connections(), 0);
        assert.equal(existsSync(sb.sentinel), false);
      } finally {
        await slack?.stop();
        await standIn.close();
      }
    },
  );
});

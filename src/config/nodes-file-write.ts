import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { replaceFileAtomic } from "../files/atomic-write.ts";
import { ConfigError, OysterError } from "../errors.ts";
import { duplicateNameProblems } from "./duplicate-names.ts";
import { CONFIG_FILES } from "./load-config.ts";
import { parseFile } from "./parse-file.ts";
import { readJsonFile } from "./read-json-file.ts";
import { nodesFileSchema } from "./schemas/nodes-file.ts";

/**
 * A node to add: what a freshly launched instance is known by, or what `nodes add` was given.
 * Only the fields given are written; the rest resolve through the SSH config as for any node.
 */
export interface NewNodeEntry {
  name: string;
  host?: string;
  user?: string;
  port?: number;
  tags?: string[];
  /** Left out (the schema's default, ~/dispatch) unless given. */
  dispatchDir?: string;
}

export interface AddNodeOptions {
  /** Only HOME is read, for `~` in the validation (as loadConfig does). */
  env?: NodeJS.ProcessEnv;
}

export interface AddNodeResult {
  /** The file written: nodes.json itself, or the file its symlink points at. */
  path: string;
  /** Where the previous content was kept; absent when there was no file before. */
  backup?: string;
  created: boolean;
}

// A new nodes.json is the operator's config file, readable like the examples it is copied from.
const NEW_FILE_MODE = 0o644;

/** The file to replace: a symlinked nodes.json is written at its target, so the link survives. */
function targetOf(path: string): { target: string; exists: boolean } {
  let link;
  try {
    link = lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { target: path, exists: false };
    throw err;
  }
  if (!link.isSymbolicLink()) return { target: path, exists: true };
  try {
    return { target: realpathSync(path), exists: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    // A dangling link: the file it names is created, so the link starts working.
    return { target: resolve(dirname(path), readlinkSync(path)), exists: false };
  }
}

function entryFor(node: NewNodeEntry): Record<string, unknown> {
  return {
    name: node.name,
    ...(node.host !== undefined ? { host: node.host } : {}),
    ...(node.port !== undefined ? { port: node.port } : {}),
    ...(node.user !== undefined ? { user: node.user } : {}),
    ...(node.dispatchDir !== undefined ? { dispatchDir: node.dispatchDir } : {}),
    ...(node.tags && node.tags.length > 0 ? { tags: node.tags } : {}),
  };
}

/** nodes.json as it is now, as an object with a `nodes` list; ConfigError when it cannot be. */
function readNodesDoc(configDir: string): { doc: Record<string, unknown>; list: unknown[]; present: boolean } {
  const file = CONFIG_FILES.nodes;
  const source = readJsonFile(configDir, file);
  if (source.present && "problem" in source) throw new ConfigError([source.problem]);
  const raw: unknown = source.present ? source.value : { nodes: [] };
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new ConfigError([`${file}: (file): expected an object with a "nodes" list`]);
  const doc = raw as Record<string, unknown>;
  const list = doc.nodes ?? [];
  if (!Array.isArray(list)) throw new ConfigError([`${file}: nodes: expected a list of nodes`]);
  return { doc, list, present: source.present };
}

/**
 * Validates `next` with loadConfig's schema and writes it: temp file, fsync, rename, at the
 * symlink's target, mode kept, the previous content kept as `nodes.json.bak`.
 */
function writeNodesDoc(configDir: string, next: Record<string, unknown>, hadFile: boolean, opts: AddNodeOptions): AddNodeResult {
  const file = CONFIG_FILES.nodes;
  const path = join(configDir, file);
  const home = opts.env?.HOME || homedir();
  const problems = [
    ...parseFile(file, { present: true, value: next }, nodesFileSchema, home).problems,
    ...duplicateNameProblems(file, "nodes", next, "node"),
  ];
  if (problems.length > 0) throw new ConfigError(problems);

  const { target, exists } = targetOf(path);
  // The operator chose the file's mode (maybe shared with dispatch's own copy): keep it.
  const mode = exists ? statSync(target).mode & 0o7777 : NEW_FILE_MODE;
  let backup: string | undefined;
  if (exists && hadFile) {
    // `nodes.json.bak`, next to the file written: one fixed name, overwritten each time, so
    // backups never pile up and the undo is always `mv nodes.json.bak nodes.json`; and not
    // ending in `.json`, so nothing that picks up `*.json` (a sync of the dispatch dir, an
    // operator's glob) mistakes it for a second node list.
    backup = `${target}.bak`;
    replaceFileAtomic(backup, readFileSync(target, "utf8"), mode);
  }
  replaceFileAtomic(target, `${JSON.stringify(next, null, 2)}\n`, mode);
  return { path: target, ...(backup ? { backup } : {}), created: !exists };
}

export interface AddServicesResult {
  /** The units that were not listed yet and now are, in the order given. */
  added: string[];
  /** Absent when nothing needed adding (the file was not touched). */
  written?: AddNodeResult;
}

/**
 * Adds units to one node's `services` in OYSTER_CONFIG_DIR/nodes.json (after install-daemon),
 * keeping every other entry and key; units already listed are not repeated and, when all are,
 * the file is left untouched. Written like addNodeToFile (validated, atomic, through a symlink,
 * `nodes.json.bak`). Throws UnknownNode when the node has no entry in the file: only nodes.json
 * lists the fleet, so that means the file changed under us, and we do not add nodes here.
 */
export function addServicesToFile(configDir: string, node: string, units: readonly string[], opts: AddNodeOptions = {}): AddServicesResult {
  const { doc, list, present } = readNodesDoc(configDir);
  const index = list.findIndex((n) => (n as { name?: unknown } | null)?.name === node);
  if (index < 0) throw new OysterError("UnknownNode", `node "${node}" is not in ${CONFIG_FILES.nodes}; its services were not recorded`, { node });
  const entry = list[index] as Record<string, unknown>;
  const listed = Array.isArray(entry.services) ? (entry.services as unknown[]) : [];
  // `x` and `x.service` are one unit to systemctl: an entry written either way counts.
  const bare = (u: unknown) => (typeof u === "string" ? u.replace(/\.service$/, "") : u);
  const have = new Set(listed.map(bare));
  const added = units.filter((u, i) => !have.has(bare(u)) && units.indexOf(u) === i);
  if (added.length === 0) return { added };
  const nodes = [...list];
  nodes[index] = { ...entry, services: [...listed, ...added] };
  return { added, written: writeNodesDoc(configDir, { ...doc, nodes }, present, opts) };
}

/**
 * Appends one node to OYSTER_CONFIG_DIR/nodes.json. The result is validated with the same schema
 * loadConfig uses before anything is written, so the bot can never be handed a file it would
 * refuse; other entries and keys are kept exactly as they were (only re-indented to 2 spaces).
 * Readers see the old file or the new one, never a torn one (temp file, fsync, rename).
 * Throws InvalidArgument (details.reason "NodeExists") for a name already listed, ConfigError for
 * a file that is unreadable or would be invalid.
 */
export function addNodeToFile(configDir: string, node: NewNodeEntry, opts: AddNodeOptions = {}): AddNodeResult {
  const file = CONFIG_FILES.nodes;
  const { doc, list, present } = readNodesDoc(configDir);
  if (list.some((n) => (n as { name?: unknown } | null)?.name === node.name)) {
    throw new OysterError("InvalidArgument", `node "${node.name}" is already in ${file}; not added again`, { node: node.name, reason: "NodeExists" });
  }
  return writeNodesDoc(configDir, { ...doc, nodes: [...list, entryFor(node)] }, present, opts);
}

export interface RemoveNodeResult {
  /** The entry as it was in the file, every key kept. */
  removed: Record<string, unknown>;
  written: AddNodeResult;
}

/**
 * Drops one node's entry from OYSTER_CONFIG_DIR/nodes.json, every other entry and key kept,
 * written like addNodeToFile (validated, atomic, through a symlink, `nodes.json.bak`). Throws
 * UnknownNode when no entry has that name (the file changed since it was read).
 */
export function removeNodeFromFile(configDir: string, node: string, opts: AddNodeOptions = {}): RemoveNodeResult {
  const { doc, list, present } = readNodesDoc(configDir);
  const index = list.findIndex((n) => (n as { name?: unknown } | null)?.name === node);
  if (index < 0) throw new OysterError("UnknownNode", `node "${node}" is not in ${CONFIG_FILES.nodes}; nothing removed`, { node });
  const nodes = list.filter((_, i) => i !== index);
  return { removed: list[index] as Record<string, unknown>, written: writeNodesDoc(configDir, { ...doc, nodes }, present, opts) };
}

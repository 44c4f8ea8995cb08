import type { GuardianFile } from "./schemas/guardian-file.ts";
import type { NodeEntry } from "./schemas/nodes-file.ts";
import type { OysterFile } from "./schemas/oyster-file.ts";
import type { Project } from "./schemas/projects-file.ts";

export interface LoadOptions {
  dir: string;
  /** Defaults to process.env; only HOME is read, for `~` expansion. */
  env?: NodeJS.ProcessEnv;
}

export interface LoadedConfig {
  config: Config;
  /** Unknown keys, as `file: path: unknown key (ignored)`: worth logging, never fatal. */
  warnings: string[];
}

export type Config = {
  /** The config dir it was read from (absolute). */
  dir: string;
  /** Which files existed, so features can tell "not configured" from "configured empty". */
  present: { nodes: boolean; projects: boolean; guardian: boolean; oyster: boolean };
  nodes: NodeEntry[];
  projects: Project[];
  guardian: GuardianFile;
  oyster: OysterFile;
};

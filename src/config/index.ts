export { loadConfig, CONFIG_FILES } from "./load-config.ts";
export { parseDuration } from "./duration.ts";
export { NODE_NAME_RE } from "./schemas/nodes-file.ts";
export type { Config, LoadedConfig, LoadOptions } from "./types.ts";
export type { NodeEntry } from "./schemas/nodes-file.ts";
export type { Project } from "./schemas/projects-file.ts";
export type { GuardianFile } from "./schemas/guardian-file.ts";
export type { OysterFile } from "./schemas/oyster-file.ts";

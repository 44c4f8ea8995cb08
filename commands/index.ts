import type { AnyCommand } from "../src/command/types.ts";
import { audit } from "./audit.ts";
import { help } from "./help.ts";
import { nodes } from "./nodes.ts";
import { status } from "./status.ts";

/** Every command, CLI and Slack alike. An explicit list: no directory scanning. */
export const commands: readonly AnyCommand[] = [help, status, nodes, audit];

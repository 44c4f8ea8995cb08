import type { z } from "zod";
import { listOf, localPath, matching, port, remotePath, stringList, text, UNIT_NAME_RE } from "../fields.ts";
import { objectFor, type SchemaOptions } from "../object-factory.ts";

/** Node names appear in commands, alert ids and file names; keep them to plain characters. */
export const NODE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** nodes.json: Oyster's list of fleet nodes. Anything left out resolves through ~/.ssh/config. */
export function nodesFileSchema({ strict, home }: SchemaOptions) {
  const object = objectFor(strict);
  const node = object({
    name: matching(NODE_NAME_RE, "a node name"),
    host: text("a host name or address").optional(),
    port: port().optional(),
    user: text("a user name").optional(),
    identityFile: localPath(home).optional(),
    dispatchDir: remotePath().default("~/dispatch"),
    services: listOf(matching(UNIT_NAME_RE, "a systemd unit name"), "a list of unit names").default([]),
    tags: stringList().default([]),
  });
  return object({ nodes: listOf(node, "a list of nodes").default([]) });
}

export type NodesFile = z.output<ReturnType<typeof nodesFileSchema>>;
export type NodeEntry = NodesFile["nodes"][number];

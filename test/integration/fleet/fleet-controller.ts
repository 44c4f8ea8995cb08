// A controller for the fleet commands: the rig's core files (makeSyncFleet), a nodes.json listing
// only some rig nodes and a known_hosts of its own holding only their keys, so another rig node
// stands in for a machine that is not in the fleet yet. Names still resolve through the rig's
// SSH client config, as `ssh node-3` would.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fingerprintOf } from "../../../src/ssh/fingerprint.ts";
import type { RigConfigOptions } from "../../helpers/rig-config.ts";
import type { Rig } from "../../helpers/rig/index.ts";
import { makeSyncFleet, type SyncFleet } from "../sync/sync-fixture.ts";

export interface FleetController {
  fleet: SyncFleet;
  knownHostsFile: string;
  nodesFile: string;
  /** The three files nothing may touch when a command is refused: nodes.json, known_hosts, and whether a .bak exists. */
  snapshot(): string;
  names(): string[];
}

export function controller(rig: Rig, listed: string[], opts: RigConfigOptions = {}): FleetController {
  const fleet = makeSyncFleet(rig, opts);
  const knownHostsFile = join(fleet.dispatchDir, "..", "known_hosts");
  writeFileSync(knownHostsFile, listed.map((n) => `[127.0.0.1]:${rig.node(n).port} ${rig.node(n).hostKeyPublic}\n`).join(""));
  // Re-written with this known_hosts: writeRigConfig pointed ssh.knownHostsFile at the rig's.
  const oysterFile = join(fleet.configDir, "oyster.json");
  const oyster = JSON.parse(readFileSync(oysterFile, "utf8")) as { ssh: Record<string, unknown> };
  writeFileSync(oysterFile, JSON.stringify({ ...oyster, ssh: { ...oyster.ssh, knownHostsFile } }, null, 2));
  const nodesFile = join(fleet.configDir, "nodes.json");
  writeFileSync(nodesFile, `${JSON.stringify({ nodes: listed.map((n) => ({ name: n, dispatchDir: rig.node(n).dispatchDir })) }, null, 2)}\n`);
  const read = (p: string) => {
    try {
      return readFileSync(p, "utf8");
    } catch {
      return "(absent)";
    }
  };
  return {
    fleet,
    knownHostsFile,
    nodesFile,
    snapshot: () => [read(nodesFile), read(knownHostsFile), read(`${nodesFile}.bak`)].join("\n---\n"),
    names: () => (JSON.parse(readFileSync(nodesFile, "utf8")) as { nodes: Array<{ name: string }> }).nodes.map((n) => n.name),
  };
}

/** A rig node's host key fingerprint, as `ssh-keygen -lf` prints it. */
export function fingerprintOfNode(rig: Rig, node: string): string {
  return fingerprintOf(Buffer.from(rig.node(node).hostKeyPublic.split(" ")[1]!, "base64"));
}

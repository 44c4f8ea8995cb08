// A rig fleet for `oyster restart`: per-node services, projects in config, and the CLI run
// in-process with `restart` added to the registry (it is registered in commands/index.ts
// separately). stdin is never a terminal unless a test passes one.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { inProcessCli, type InProcessCli } from "../../helpers/in-process-cli.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import type { Rig } from "../../helpers/rig/index.ts";

export interface RestartFleet extends Fleet {
  /** `oyster <args>` in-process; `doc` is the parsed stdout when it is JSON. */
  cli: InProcessCli;
  /** Every shim call on every node, by node. */
  calls(): Record<string, string[]>;
  /** Audit entries for `restart`, oldest first. */
  auditRows(): Promise<Array<{ who: string; command: string; args: Record<string, unknown>; decision: string; outcome: string; error: string | null }>>;
}

/** `tags`: each node's tags in nodes.json (rolling restarts by `--tag`). */
export function makeRestartFleet(rig: Rig, services: Record<string, string[]>, projects: string[], tags: Record<string, string[]> = {}): RestartFleet {
  const fleet = makeFleet(rig);
  const nodes = rig.nodes.map((n) => ({ name: n.name, dispatchDir: n.dispatchDir, services: services[n.name] ?? [], ...(tags[n.name] ? { tags: tags[n.name] } : {}) }));
  writeFileSync(join(fleet.configDir, "nodes.json"), JSON.stringify({ nodes }, null, 2));
  writeFileSync(join(fleet.configDir, "projects.json"), JSON.stringify({ projects: projects.map((name) => ({ name, owner: "team" })) }));
  const cli = inProcessCli(fleet.env);
  return {
    ...fleet,
    cli,
    calls: () => Object.fromEntries(rig.nodes.map((n) => [n.name, n.calls()])),
    async auditRows() {
      const { doc } = await cli(["audit", "--json"]);
      return doc.entries.filter((e: { command: string }) => e.command === "restart");
    },
  };
}

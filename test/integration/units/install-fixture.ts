// A rig fleet for `oyster install-daemon`: nodes with no units yet, `systemd.unitDir` pointed at
// each node's own <node>/systemd (which the systemctl shim reads), and the CLI run in-process.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inProcessCli, type InProcessCli } from "../../helpers/in-process-cli.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import type { Rig } from "../../helpers/rig/index.ts";

export interface InstallFleet extends Fleet {
  /** `oyster <args>` in-process; `doc` is the parsed stdout when it is JSON. */
  cli: InProcessCli;
  /** Every shim call on every node since the last `mark()`, by node. */
  calls(): Record<string, string[]>;
  mark(): void;
  /** Writes OYSTER_CONFIG_DIR/systemd/<name>.service (the operator's own template). */
  template(name: "agent-daemon" | "watcher", text: string): void;
}

export function makeInstallFleet(rig: Rig, oyster: Record<string, unknown> = {}): InstallFleet {
  const fleet = makeFleet(rig, { services: [], oyster: { systemd: { unitDir: join(rig.dir, "{node}", "systemd") }, ...oyster } });
  let seen: Record<string, number> = {};
  const all = () => Object.fromEntries(rig.nodes.map((n) => [n.name, n.calls()]));
  const cli = inProcessCli(fleet.env);
  return {
    ...fleet,
    cli,
    mark: () => {
      seen = Object.fromEntries(Object.entries(all()).map(([n, c]) => [n, c.length]));
    },
    calls: () => Object.fromEntries(Object.entries(all()).map(([n, c]) => [n, c.slice(seen[n] ?? 0)])),
    template(name, text) {
      mkdirSync(join(fleet.configDir, "systemd"), { recursive: true });
      writeFileSync(join(fleet.configDir, "systemd", `${name}.service`), text);
    },
  };
}

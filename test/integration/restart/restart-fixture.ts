// A rig fleet for `oyster restart`: per-node services, projects in config, and the CLI run
// in-process with `restart` added to the registry (it is registered in commands/index.ts
// separately). stdin is never a terminal unless a test passes one.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runCli } from "../../../src/cli.ts";
import type { ConfirmIo } from "../../../src/cli/confirm.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import type { Rig } from "../../helpers/rig/index.ts";

export interface RestartFleet extends Fleet {
  /** `oyster <args>` in-process; `doc` is the parsed stdout when it is JSON. */
  cli(args: string[], io?: ConfirmIo): Promise<{ code: number; stdout: string; stderr: string; doc: any }>;
  /** Every shim call on every node, by node. */
  calls(): Record<string, string[]>;
  /** Audit entries for `restart`, oldest first. */
  auditRows(): Promise<Array<{ who: string; command: string; args: Record<string, unknown>; decision: string; outcome: string; error: string | null }>>;
}

export function notTerminal(): ConfirmIo {
  return { input: new PassThrough(), output: new PassThrough() };
}

/** A terminal that answers `answer` to the prompt; `shown` collects what was printed to it. */
export function terminal(answer: string): ConfirmIo & { shown(): string } {
  const input = new PassThrough() as PassThrough & { isTTY?: boolean };
  input.isTTY = true;
  const output = new PassThrough();
  let text = "";
  output.on("data", (d: Buffer) => {
    text += d.toString();
    if (text.includes("Proceed?")) input.write(`${answer}\n`);
  });
  return { input, output, shown: () => text };
}

export function makeRestartFleet(rig: Rig, services: Record<string, string[]>, projects: string[]): RestartFleet {
  const fleet = makeFleet(rig);
  const nodes = rig.nodes.map((n) => ({ name: n.name, dispatchDir: n.dispatchDir, services: services[n.name] ?? [] }));
  writeFileSync(join(fleet.configDir, "nodes.json"), JSON.stringify({ nodes }, null, 2));
  writeFileSync(join(fleet.configDir, "projects.json"), JSON.stringify({ projects: projects.map((name) => ({ name, owner: "team" })) }));
  const cli: RestartFleet["cli"] = async (args, io = notTerminal()) => {
    const c = captureOutput();
    const code = await runCli(args, { env: fleet.env, out: c.out, io });
    let doc: unknown;
    try {
      doc = JSON.parse(c.stdout);
    } catch {
      doc = undefined;
    }
    return { code, stdout: c.stdout, stderr: c.stderr, doc };
  };
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

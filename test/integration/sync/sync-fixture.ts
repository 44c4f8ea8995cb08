// A rig fleet set up for sync: the controller holds all five core files (two of them, and a new
// nodes.json, not yet on the nodes), and `oyster` runs the CLI in-process.
import assert from "node:assert/strict";
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runCli } from "../../../src/cli.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import type { RigConfigOptions } from "../../helpers/rig-config.ts";
import type { Rig } from "../../helpers/rig/index.ts";

export const CORE = ["dispatch.py", "task-wrapper.sh", "task-watcher.py", "nodes.json", "projects.json"];

export interface SyncFleet extends Fleet {
  /** `oyster <args> --json` in-process; stdin is not a terminal. */
  run(args: string[]): Promise<{ code: number; doc: any; ms: number }>;
  /** `oyster <args>` as text. */
  text(args: string[]): Promise<{ code: number; stdout: string }>;
  /** Writes a file into the controller's dispatch dir. */
  write(name: string, content: string, mode?: number): void;
  /** Each core file's inode and mtime on a node: both change when a file is replaced. */
  stamps(node: string): string[];
  /** Every core file on the node has the controller's content and mode. */
  assertMatches(node: string): void;
}

async function invoke(env: NodeJS.ProcessEnv, args: string[]) {
  const c = captureOutput();
  const notTty = { input: new PassThrough(), output: new PassThrough() };
  const t0 = performance.now();
  const code = await runCli(args, { env, out: c.out, io: notTty });
  return { code, stdout: c.stdout, ms: performance.now() - t0 };
}

export function makeSyncFleet(rig: Rig, opts: RigConfigOptions = {}): SyncFleet {
  const fleet = makeFleet(rig, opts);
  const write = (name: string, content: string, mode = 0o644) => {
    writeFileSync(join(fleet.dispatchDir, name), content);
    chmodSync(join(fleet.dispatchDir, name), mode);
  };
  write("dispatch.py", "# dispatch.py\nprint('dispatch')\n");
  write("task-watcher.py", "# task-watcher.py\nprint('watching')\n", 0o750);
  write("nodes.json", '{"nodes":["node-1","node-2","node-3"]}\n');
  const onNode = (node: string, f: string) => join(rig.node(node).dispatchDir, f);
  return {
    ...fleet,
    write,
    async run(args) {
      const r = await invoke(fleet.env, [...args, "--json"]);
      return { code: r.code, doc: JSON.parse(r.stdout), ms: r.ms };
    },
    text: (args) => invoke(fleet.env, args),
    stamps: (node) => CORE.map((f) => {
      try {
        const s = statSync(onNode(node, f));
        return `${f} ${s.ino} ${s.mtimeMs}`;
      } catch {
        return `${f} missing`;
      }
    }),
    assertMatches(node) {
      for (const f of CORE) {
        const mine = join(fleet.dispatchDir, f);
        assert.equal(readFileSync(onNode(node, f), "utf8"), readFileSync(mine, "utf8"), `${node} ${f} content`);
        assert.equal(statSync(onNode(node, f)).mode & 0o777, statSync(mine).mode & 0o777, `${node} ${f} mode`);
      }
    },
  };
}

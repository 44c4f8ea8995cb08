import { chmodSync, chownSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../src/cli.ts";
import { captureOutput } from "./capture-output.ts";
import { writeRigConfig, type RigConfigOptions } from "./rig-config.ts";
import type { Rig } from "./rig/index.ts";
import { tmpDir } from "./tmp-dir.ts";

export const WRAPPER_V1 = "#!/bin/sh\n# task-wrapper v1\nexec \"$@\"\n";

/**
 * A controller for a rig: a dispatch dir holding the files nodes must match, a config dir and a
 * data dir, and every node seeded with the same files (owned by the node user, as if pushed).
 */
export interface Fleet {
  dispatchDir: string;
  configDir: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Writes a file into a node's dispatch dir as the node user would own it. */
  putOnNode(node: string, name: string, content: string, mode?: number): void;
  /** Runs `oyster <args> --json` in-process, as an operator's terminal would. */
  oyster(args: string[]): Promise<{ code: number; doc: any; stderr: string }>;
}

export function makeFleet(rig: Rig, opts: RigConfigOptions & { guardian?: Record<string, unknown>; seed?: Record<string, string> } = {}): Fleet {
  const root = tmpDir("oyster-fleet-");
  const dispatchDir = join(root, "dispatch");
  const configDir = join(root, "config");
  const dataDir = join(root, "data");
  mkdirSync(dispatchDir);
  const seed = opts.seed ?? { "task-wrapper.sh": WRAPPER_V1, "nodes.json": '{"nodes":[]}\n', "projects.json": '{"projects":[]}\n' };
  for (const [name, content] of Object.entries(seed)) writeFileSync(join(dispatchDir, name), content, { mode: name.endsWith(".sh") ? 0o755 : 0o644 });
  chmodSync(join(dispatchDir, "task-wrapper.sh"), 0o755);
  writeRigConfig(rig, configDir, { ...opts, oyster: { ...opts.oyster, dispatch: { dir: dispatchDir } } });
  if (opts.guardian) writeFileSync(join(configDir, "guardian_config.json"), JSON.stringify(opts.guardian));
  const owner = statSync(rig.nodes[0]!.dispatchDir);

  const putOnNode = (node: string, name: string, content: string, mode = 0o644) => {
    const path = join(rig.node(node).dispatchDir, name);
    writeFileSync(path, content);
    chmodSync(path, mode);
    if (process.getuid?.() === 0) chownSync(path, owner.uid, owner.gid);
  };
  for (const n of rig.nodes) for (const [name, content] of Object.entries(seed)) putOnNode(n.name, name, content, name.endsWith(".sh") ? 0o755 : 0o644);

  const env = { PATH: process.env.PATH, HOME: root, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: dataDir };
  return {
    dispatchDir, configDir, dataDir, env, putOnNode,
    async oyster(args) {
      const c = captureOutput();
      const code = await runCli([...args, "--json"], { env, out: c.out });
      return { code, doc: JSON.parse(c.stdout), stderr: c.stderr };
    },
  };
}

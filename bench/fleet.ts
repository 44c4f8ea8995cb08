// The fleet every benchmark measures against: a rig of real OpenSSH nodes plus an Oyster config
// and data dir for it, and the one fault mix (a node stopped, a node hung) the fault rows use.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startRig, type Rig } from "../test/helpers/rig/index.ts";
import { writeRigConfig } from "../test/helpers/rig-config.ts";

/** Like `ssh -o ConnectTimeout=5`, so Oyster and the baselines give up on a hung node alike. */
export const CONNECT_TIMEOUT_S = 5;
export const CONCURRENCY = 16;

export interface Fleet {
  rig: Rig;
  /** Config, data and ssh control sockets; removed with the rig. */
  dir: string;
  names: string[];
  /** process.env plus OYSTER_CONFIG_DIR / OYSTER_DATA_DIR pointing at this fleet. */
  env: NodeJS.ProcessEnv;
  stopped: string;
  hung: string;
  close(): Promise<void>;
}

export async function openFleet(count: number): Promise<Fleet> {
  const rig = await startRig(count);
  // Inside the rig dir, so the rig's own exit and signal hooks remove it along with the nodes.
  const dir = join(rig.dir, "bench");
  try {
    const configDir = join(dir, "config");
    const dataDir = join(dir, "data");
    mkdirSync(dataDir, { recursive: true });
    writeRigConfig(rig, configDir, { ssh: { connectTimeoutMs: CONNECT_TIMEOUT_S * 1000, concurrency: CONCURRENCY } });
    const names = rig.nodes.map((n) => n.name);
    // Mid-fleet rather than last, so neither the sequential loop nor a 16-wide fan-out gets a
    // position that happens to hide (or exaggerate) the hung node's timeout.
    const stopped = names[Math.floor(count / 3)]!;
    const hung = names[Math.floor((2 * count) / 3)]!;
    return {
      rig, dir, names, stopped, hung,
      env: { ...process.env, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: dataDir },
      close: () => rig.close(),
    };
  } catch (err) {
    await rig.close();
    throw err;
  }
}

/** Runs `fn` with one node stopped and one hung, and always brings both back. */
export async function withFaults<T>(fleet: Fleet, fn: () => Promise<T>): Promise<T> {
  const stopped = fleet.rig.node(fleet.stopped);
  const hung = fleet.rig.node(fleet.hung);
  await stopped.stop();
  await hung.hang();
  try {
    return await fn();
  } finally {
    await hung.resume();
    await stopped.start();
    // The resumed listener now works through the connections queued while it hung; let that
    // settle so the next (healthy) figures do not pay for it.
    await new Promise((r) => setTimeout(r, 500));
  }
}

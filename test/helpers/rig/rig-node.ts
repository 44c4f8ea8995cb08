// One node: its files, its sshd process and the faults that can be injected into it.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { chmod } from "node:fs/promises";
import { join } from "node:path";
import type { NodeUser } from "./node-user.ts";
import { continueTree, stopTree } from "./process-tree.ts";
import { trackListener, untrackListener } from "./live-processes.ts";
import { generateKey, publicKeyLine } from "./ssh-keys.ts";
import { sshdConfig } from "./sshd-config.ts";
import { journalctlShim, sudoShim, systemctlShim } from "./shims.ts";
import * as units from "./unit-state.ts";
import type { RigNode } from "./types.ts";
import { waitForBanner } from "./wait-banner.ts";

export interface NodeSetup {
  rigDir: string;
  name: string;
  port: number;
  user: NodeUser;
  sshd: string;
  sshdVersion: [number, number];
  authorizedKeysPath: string;
  services: string[];
}

function tail(path: string): string {
  try {
    return readFileSync(path, "utf8").trim().split("\n").slice(-5).join(" | ");
  } catch {
    return "(no log)";
  }
}

export class RigNodeImpl implements RigNode {
  readonly host = "127.0.0.1" as const;
  readonly name: string;
  readonly port: number;
  readonly dir: string;
  readonly dispatchDir: string;
  readonly binDir: string;
  readonly stateDir: string;
  readonly unitDir: string;
  hostKeyPublic = "";
  private readonly hostKeyPath: string;
  private readonly configPath: string;
  private readonly logPath: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private exitInfo: string | undefined;
  private smallDisk = false;

  constructor(private readonly s: NodeSetup) {
    this.name = s.name;
    this.port = s.port;
    this.dir = join(s.rigDir, s.name);
    this.dispatchDir = join(this.dir, "dispatch");
    this.binDir = join(this.dir, "bin");
    this.stateDir = join(this.dir, "state");
    this.unitDir = join(this.dir, "systemd");
    this.hostKeyPath = join(this.dir, "host_key");
    this.configPath = join(this.dir, "sshd_config");
    this.logPath = join(this.dir, "sshd.log");
  }

  /** Directories, shims, unit state and sshd_config; the host key comes from rekeyFiles. */
  async prepare(): Promise<void> {
    const { user } = this.s;
    for (const d of [this.dir, this.binDir]) mkdirSync(d, { mode: 0o755 });
    // What the node user must write (dispatch, shim state) is owned by it.
    for (const d of [this.dispatchDir, this.stateDir, join(this.stateDir, "units"), this.unitDir]) {
      mkdirSync(d, { mode: 0o755 });
      if (user.chown) chownSync(d, user.uid, user.gid);
    }
    writeFileSync(join(this.binDir, "systemctl"), systemctlShim(this.stateDir, this.name, this.unitDir), { mode: 0o755 });
    writeFileSync(join(this.binDir, "journalctl"), journalctlShim(this.stateDir, this.name), { mode: 0o755 });
    writeFileSync(join(this.binDir, "sudo"), sudoShim(this.stateDir), { mode: 0o755 });
    units.initUnits(this.stateDir, this.s.services, user);
    const config = sshdConfig({
      name: this.name,
      port: this.port,
      dir: this.dir,
      hostKeyPath: this.hostKeyPath,
      authorizedKeysPath: this.s.authorizedKeysPath,
      user: user.name,
      binDir: this.binDir,
      stateDir: this.stateDir,
      sshdVersion: this.s.sshdVersion,
    });
    writeFileSync(this.configPath, config, { mode: 0o644 });
    await this.newHostKey();
  }

  private async newHostKey(): Promise<void> {
    await generateKey(this.hostKeyPath, `${this.name}-host`);
    this.hostKeyPublic = publicKeyLine(this.hostKeyPath);
  }

  private running(): boolean {
    return this.child !== undefined && this.exitInfo === undefined;
  }

  async start(): Promise<void> {
    if (this.running()) return;
    const log = openSync(this.logPath, "a");
    // sshd must be spawned by absolute path: it re-executes itself for every connection.
    const child = spawn(this.s.sshd, ["-D", "-e", "-f", this.configPath], { stdio: ["ignore", log, log] });
    closeSync(log);
    // The rig must not keep the test process alive; the exit handler kills what is left.
    child.unref();
    this.child = child;
    this.exitInfo = undefined;
    this.exited = new Promise((resolve) => {
      const onGone = (why: string) => {
        this.exitInfo ??= why;
        if (child.pid !== undefined) untrackListener(child.pid);
        resolve();
      };
      child.once("exit", (code, signal) => onGone(`exit ${signal ?? code}`));
      child.once("error", (err) => onGone(err.message));
    });
    if (child.pid !== undefined) trackListener(child.pid);
    try {
      await waitForBanner(this.port, 5000, () =>
        this.exitInfo === undefined ? undefined : `sshd for ${this.name} died (${this.exitInfo}): ${tail(this.logPath)}`,
      );
    } catch (err) {
      await this.stop();
      throw new Error(`${this.name} did not start on port ${this.port}: ${(err as Error).message}; log: ${tail(this.logPath)}`);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child?.pid === undefined || !this.running()) return;
    // Re-ref so the process stays alive until the 'exit' event (unref'd children don't wait).
    child.ref();
    await stopTree(child.pid, true);
    // Wait for the reap so the listening socket is surely closed when we return.
    await this.exited;
  }

  async hang(): Promise<void> {
    if (this.child?.pid !== undefined && this.running()) await stopTree(this.child.pid, false);
  }

  async resume(): Promise<void> {
    if (this.child?.pid !== undefined && this.running()) await continueTree(this.child.pid);
  }

  // Stop first: a re-exec'd sshd child reads the key file from disk, so swapping the key
  // under a live listener could serve a mix of old and new keys.
  async rekey(): Promise<void> {
    await this.resume();
    await this.stop();
    await this.newHostKey();
    await this.start();
  }

  async setReadOnly(readOnly: boolean): Promise<void> {
    await chmod(this.dispatchDir, readOnly ? 0o555 : 0o755);
  }

  markBroken(unit: string, broken: boolean): void {
    units.markBroken(this.stateDir, unit, broken, this.s.user);
  }

  unitState(unit: string): string {
    return units.unitState(this.stateDir, unit);
  }

  holdRestarts(unit: string, hold: boolean): void {
    units.holdRestarts(this.stateDir, unit, hold, this.s.user);
  }

  restartHeld(unit: string): boolean {
    return units.restartHeld(this.stateDir, unit);
  }

  calls(): string[] {
    return units.readCalls(this.stateDir);
  }

  sudoNeedsPassword(needs: boolean): void {
    const flag = join(this.stateDir, "sudo.password");
    if (needs) writeFileSync(flag, "");
    else rmSync(flag, { force: true });
  }

  mountSmallDisk(bytes: number): string | undefined {
    if (this.smallDisk) return undefined;
    if (process.platform !== "linux" || process.getuid?.() !== 0) return "a tmpfs can only be mounted as root on Linux";
    const { uid, gid } = this.s.user;
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", `size=${bytes},mode=0755,uid=${uid},gid=${gid}`, "tmpfs", this.dispatchDir], { stdio: "pipe" });
    } catch (err) {
      return `cannot mount a tmpfs here (${(err as Error).message.split("\n")[0]})`;
    }
    this.smallDisk = true;
    return undefined;
  }

  unmountSmallDisk(): void {
    if (!this.smallDisk) return;
    // Lazy: a session still inside the dir (a hung node's) must not keep the mount alive.
    execFileSync("umount", ["-l", this.dispatchDir], { stdio: "pipe" });
    this.smallDisk = false;
  }

  /** For close(): whatever state the node is in, leave no process behind. */
  async destroy(): Promise<void> {
    await this.resume();
    await this.stop();
    this.unmountSmallDisk();
    // Let rm -r descend even if a test left the dispatch dir read-only (matters when not root).
    chmodSync(this.dispatchDir, 0o755);
  }
}

export async function createRigNode(setup: NodeSetup): Promise<RigNodeImpl> {
  const node = new RigNodeImpl(setup);
  await node.prepare();
  return node;
}

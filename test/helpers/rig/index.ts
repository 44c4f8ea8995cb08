// Test rig: N real OpenSSH sshd processes on loopback, one per "node", with injectable
// faults (stopped, hung, re-keyed, read-only dispatch dir, broken units). See types.ts
// for what each member does.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ensureSshd, sshdVersion } from "./ensure-sshd.ts";
import { freePorts } from "./free-ports.ts";
import { hashKnownHosts, writeKnownHosts } from "./known-hosts.ts";
import { trackRigDir, untrackRigDir } from "./live-processes.ts";
import { ensureNodeUser, type NodeUser } from "./node-user.ts";
import { reapStaleRigs, recordOwner } from "./reap-stale.ts";
import { createRigNode, type RigNodeImpl } from "./rig-node.ts";
import { writeSshConfig } from "./ssh-config-file.ts";
import { generateKey, publicKeyLine } from "./ssh-keys.ts";
import type { Rig, RigOptions } from "./types.ts";

export type { Rig, RigNode, RigOptions } from "./types.ts";
export { ensureSshd } from "./ensure-sshd.ts";

const PREFIX = "oyster-rig-";

// As root, sshd runs as root but the session runs as the node user, who must reach
// authorized_keys and the node dirs: every parent of the rig dir must be searchable.
function checkTraversable(dir: string, user: NodeUser): void {
  if (!user.chown) return;
  for (let d = dir; d !== dirname(d); d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new Error(`rig dir parent ${d} is not searchable by ${user.name}: set TMPDIR to e.g. /tmp`);
    }
  }
}

export async function startRig(count: number, opts: RigOptions = {}): Promise<Rig> {
  const sshd = ensureSshd();
  const version = sshdVersion(sshd);
  const user = ensureNodeUser();
  // Debian's sshd refuses to start as root without its privilege-separation dir.
  if (user.chown && process.platform === "linux") mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  reapStaleRigs(tmpdir(), PREFIX);

  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  trackRigDir(dir);
  recordOwner(dir);
  chmodSync(dir, 0o755);
  const nodes: RigNodeImpl[] = [];
  let closed = false;

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await Promise.all(nodes.map((n) => n.destroy()));
    rmSync(dir, { recursive: true, force: true });
    untrackRigDir(dir);
  };

  try {
    checkTraversable(dir, user);
    const clientKeyPath = join(dir, "client_key");
    await generateKey(clientKeyPath, "oyster-rig-client");
    const authorizedKeysPath = join(dir, "authorized_keys");
    writeFileSync(authorizedKeysPath, `${publicKeyLine(clientKeyPath)}\n`, { mode: 0o644 });

    const ports = await freePorts(count);
    const services = opts.services ?? ["agent-daemon"];
    // Start in parallel; each node is pushed as soon as it exists so close() can reach it
    // even when a sibling fails to start.
    await Promise.all(
      ports.map(async (port, i) => {
        const node = await createRigNode({
          rigDir: dir, name: `node-${i + 1}`, port, user, sshd, sshdVersion: version, authorizedKeysPath, services,
        });
        nodes.push(node);
        await node.start();
      }),
    );
    nodes.sort((a, b) => Number(a.name.slice(5)) - Number(b.name.slice(5)));

    const knownHostsPath = join(dir, "known_hosts");
    writeKnownHosts(knownHostsPath, nodes);
    const sshConfigPath = join(dir, "ssh_config");
    writeSshConfig(sshConfigPath, nodes, user.name, clientKeyPath);

    return {
      dir,
      user: user.name,
      nodes,
      clientKeyPath,
      sshConfigPath,
      knownHostsPath,
      hashKnownHosts: () => hashKnownHosts(knownHostsPath),
      node(name: string) {
        const found = nodes.find((n) => n.name === name);
        if (!found) throw new Error(`no rig node ${name} (have ${nodes.map((n) => n.name).join(", ")})`);
        return found;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

// The public shape of the rig, kept apart from the code so index.ts, rig-node.ts
// and the tests can share it without importing each other.

export interface RigNode {
  name: string;
  host: "127.0.0.1";
  port: number;
  /** This node's root dir, <rig>/node-N. */
  dir: string;
  /** <dir>/dispatch, owned by the node user and writable by it unless setReadOnly(true). */
  dispatchDir: string;
  /** <dir>/bin: the systemctl, sudo and journalctl shims, first on the session PATH. */
  binDir: string;
  /**
   * <dir>/systemd, owned by the node user: a unit file installed here is known to the systemctl
   * shim. Tests point `systemd.unitDir` at `<rig.dir>/{node}/systemd`.
   */
  unitDir: string;
  /** Current public host key, "ssh-ed25519 AAAA..." (no comment). */
  hostKeyPublic: string;
  /** SIGKILL the listener and every descendant: connects refused, kept connections drop. */
  stop(): Promise<void>;
  /** (Re)start sshd on the same port; resolves once the port answers with an SSH banner. */
  start(): Promise<void>;
  /** SIGSTOP the listener and descendants: TCP accepts, SSH never answers, sessions stall. */
  hang(): Promise<void>;
  /** SIGCONT what hang() stopped. */
  resume(): Promise<void>;
  /** New ed25519 host key, sshd restarted with it; known_hosts is left stale on purpose. */
  rekey(): Promise<void>;
  /** chmod the dispatch dir 0555 / 0755: a real permission fault for the node user. */
  setReadOnly(readOnly: boolean): Promise<void>;
  /** Broken: restart/start fail (exit 1), is-active prints "failed". */
  markBroken(unit: string, broken: boolean): void;
  /** What `systemctl is-active unit` would print now. */
  unitState(unit: string): string;
  /** Held: the unit's start/restart blocks inside the shim until released (hold false). */
  holdRestarts(unit: string, hold: boolean): void;
  /** A start/restart of the unit is blocked in the shim right now (held and not yet released). */
  restartHeld(unit: string): boolean;
  /** Every recorded shim call, e.g. "sudo -n systemctl restart agent-daemon". */
  calls(): string[];
  /**
   * sudo without NOPASSWD: `sudo -n` fails at once with "sudo: a password is required" (exit 1),
   * as the real one does; a sudo without -n prompts and waits on stdin for a password.
   */
  sudoNeedsPassword(needs: boolean): void;
  /**
   * A small disk: a tmpfs of `bytes` mounted over the dispatch dir, owned by the node user and
   * empty (what the dir held is hidden until unmounted). Needs root on Linux; returns why not
   * when it cannot mount, undefined when mounted. close() unmounts it too.
   */
  mountSmallDisk(bytes: number): string | undefined;
  /** Unmounts the small disk (no-op when none): the dispatch dir's own content is back. */
  unmountSmallDisk(): void;
}

export interface Rig {
  dir: string;
  user: string;
  nodes: RigNode[];
  clientKeyPath: string;
  sshConfigPath: string;
  knownHostsPath: string;
  hashKnownHosts(): void;
  node(name: string): RigNode;
  close(): Promise<void>;
}

export interface RigOptions {
  /** Units known to the systemctl shim; default ["agent-daemon"]. */
  services?: string[];
}

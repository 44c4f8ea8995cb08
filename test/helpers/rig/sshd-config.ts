// One sshd_config per node. Everything a test relies on is explicit here rather than
// inherited from /etc/ssh, so the rig behaves the same on Debian and macOS.

export interface SshdConfigInput {
  name: string;
  port: number;
  dir: string;
  hostKeyPath: string;
  authorizedKeysPath: string;
  user: string;
  binDir: string;
  stateDir: string;
  sshdVersion: [number, number];
}

export function sshdConfig(c: SshdConfigInput): string {
  const lines = [
    "ListenAddress 127.0.0.1",
    `Port ${c.port}`,
    `HostKey ${c.hostKeyPath}`,
    `PidFile ${c.dir}/sshd.pid`,
    `AuthorizedKeysFile ${c.authorizedKeysPath}`,
    // No PAM: a container has no usable PAM stack, and PAM would also reset the environment.
    "UsePAM no",
    // Rig files live under /tmp with root/test-user ownership that StrictModes would reject.
    "StrictModes no",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "PubkeyAuthentication yes",
    `AllowUsers ${c.user}`,
    "Subsystem sftp internal-sftp",
    // Sweeps open many connections at once; the default 10:30:100 would drop some.
    "MaxStartups 100:30:200",
    "MaxSessions 50",
    "LogLevel ERROR",
    "PrintMotd no",
    "PrintLastLog no",
    "UseDNS no",
    // SetEnv overrides the PATH sshd builds for the session; /bin/sh -c reads no profile,
    // so the node's own shims come first for exec sessions too.
    `SetEnv PATH=${c.binDir}:/usr/local/bin:/usr/bin:/bin OYSTER_RIG_NODE=${c.name} OYSTER_RIG_STATE=${c.stateDir}`,
  ];
  // OpenSSH 9.8+ penalises sources that crash or drop sessions; faults injected on purpose
  // must not lock loopback out. Older sshd rejects the keyword, so only add it when known.
  const [major, minor] = c.sshdVersion;
  if (major > 9 || (major === 9 && minor >= 8)) lines.push("PerSourcePenalties no");
  return lines.join("\n") + "\n";
}

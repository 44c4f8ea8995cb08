// The OpenSSH client config a test (or the product under test) uses to reach the nodes
// by name. IdentitiesOnly keeps a developer's ssh-agent keys out of the handshake, so
// the rig's client key is the only one offered.
import { writeFileSync } from "node:fs";

export interface ConfigHost {
  name: string;
  port: number;
}

export function writeSshConfig(path: string, hosts: ConfigHost[], user: string, identityFile: string): void {
  const blocks = hosts.map((h) =>
    [
      `Host ${h.name}`,
      "  HostName 127.0.0.1",
      `  Port ${h.port}`,
      `  User ${user}`,
      `  IdentityFile ${identityFile}`,
      "  IdentitiesOnly yes",
      "",
    ].join("\n"),
  );
  writeFileSync(path, blocks.join("\n"), { mode: 0o600 });
}

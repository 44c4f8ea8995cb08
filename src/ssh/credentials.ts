import { readFileSync } from "node:fs";
import { ssh2 } from "./ssh2-driver.ts";
import type { SshTarget } from "./resolve.ts";

type AuthMethod =
  | { type: "publickey"; username: string; key: Buffer }
  | { type: "agent"; username: string; agent: string };

/**
 * The ways to log in, in OpenSSH's order: each identity file that exists and can be used without a
 * passphrase, then the agent. Keys with a passphrase are left to the agent.
 */
export function authMethods(target: SshTarget, env: NodeJS.ProcessEnv = process.env): AuthMethod[] {
  const methods: AuthMethod[] = [];
  for (const path of target.identityFiles) {
    let key: Buffer;
    try {
      key = readFileSync(path);
    } catch {
      continue;
    }
    const parsed = ssh2().utils.parseKey(key);
    if (parsed instanceof Error) continue;
    methods.push({ type: "publickey", username: target.user, key });
  }
  if (env.SSH_AUTH_SOCK) methods.push({ type: "agent", username: target.user, agent: env.SSH_AUTH_SOCK });
  return methods;
}

/** ssh2 algorithm names for each known_hosts key type. */
const HOST_KEY_ALGORITHMS: Record<string, string[]> = {
  "ssh-ed25519": ["ssh-ed25519"],
  "ssh-rsa": ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"],
  "ecdsa-sha2-nistp256": ["ecdsa-sha2-nistp256"],
  "ecdsa-sha2-nistp384": ["ecdsa-sha2-nistp384"],
  "ecdsa-sha2-nistp521": ["ecdsa-sha2-nistp521"],
};

/**
 * Asks the server for a key type we already hold for it, so that a server with several host keys
 * presents the one on record; otherwise any key it shows would look like a mismatch.
 */
export function preferredHostKeyAlgorithms(knownTypes: string[]): string[] | undefined {
  if (knownTypes.length === 0) return undefined;
  const algorithms = knownTypes.flatMap((t) => HOST_KEY_ALGORITHMS[t] ?? []);
  return algorithms.length > 0 ? algorithms : undefined;
}

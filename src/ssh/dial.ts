import { connect as tcpConnect } from "node:net";
import type Ssh2 from "ssh2";
import { ssh2 } from "./ssh2-driver.ts";
import { OysterError } from "../errors.ts";
import { authMethods, preferredHostKeyAlgorithms } from "./credentials.ts";
import { fingerprintOf } from "./fingerprint.ts";
import { hostToken, judgeHostKey, keyTypeOf, type KnownHostsFile } from "./known-hosts.ts";
import type { SshTarget } from "./resolve.ts";

/** A host key that accept-new has just written to known_hosts. */
export interface LearnedHostKey {
  node: string;
  host: string;
  port: number;
  keyType: string;
  /** `SHA256:...`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
}

export interface DialOptions {
  knownHosts: KnownHostsFile;
  hostKeyPolicy: "strict" | "accept-new";
  connectTimeoutMs: number;
  keepaliveMs: number;
  env?: NodeJS.ProcessEnv;
  /**
   * Told when accept-new records a key. This layer does not know the store: the process's wiring
   * (src/runtime.ts) logs it and writes it to the audit table.
   */
  onHostKeyLearned?: (key: LearnedHostKey) => void;
}

type HostKeyProblem = { code: "HostKeyMismatch" | "HostKeyUnknown" | "HostKeyRevoked"; message: string };

/**
 * Opens one SSH connection. One deadline covers TCP connect, banner, key exchange and auth: a hung
 * sshd accepts TCP and then says nothing, so a TCP-only timeout would wait forever.
 */
export function dial(target: SshTarget, opts: DialOptions): Promise<Ssh2.Client> {
  if (target.proxyJump && target.proxyJump !== "none") {
    return Promise.reject(new OysterError("SshError", `${target.name}: ProxyJump (${target.proxyJump}) is not supported yet; connect directly or use a tunnel`, { node: target.name }));
  }
  const token = hostToken(target.host, target.port);
  const auth = authMethods(target, opts.env);
  if (auth.length === 0) {
    return Promise.reject(new OysterError("SshAuthFailed", `${target.name}: no usable SSH key (tried ${target.identityFiles.join(", ")}) and no ssh-agent (SSH_AUTH_SOCK)`, { node: target.name }));
  }

  return new Promise((resolve, reject) => {
    const client = new (ssh2().Client)();
    const socket = tcpConnect({ host: target.host, port: target.port });
    // ssh2 leaves Nagle on: every exec would then wait on delayed ACKs (~44 ms instead of ~2.5 ms).
    socket.setNoDelay(true);
    let settled = false;
    // Whether TCP got through tells "node down" (nothing answers) from "sshd broken" (TCP answers,
    // SSH does not): the guardian's node_availability and ssh_connection split on it.
    let tcpConnected = false;
    socket.once("connect", () => (tcpConnected = true));
    let hostKeyProblem: HostKeyProblem | undefined;

    const fail = (err: OysterError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.removeAllListeners("ready");
      client.on("error", () => {});
      client.end();
      socket.destroy();
      reject(err);
    };
    const timer = setTimeout(() => {
      fail(new OysterError("SshTimeout", `${target.name}: no SSH session within ${opts.connectTimeoutMs} ms (${token})`, { node: target.name, phase: "connect", timeoutMs: opts.connectTimeoutMs, tcpConnected }));
    }, opts.connectTimeoutMs);

    socket.once("error", (err: NodeJS.ErrnoException) => {
      fail(new OysterError("SshUnreachable", `${target.name}: cannot reach ${token}: ${err.code ?? err.message}`, { node: target.name, errno: err.code, tcpConnected }, { cause: err }));
    });

    const verify = (blob: Buffer): boolean => {
      const verdict = judgeHostKey(opts.knownHosts.entries(), token, blob);
      if (verdict.kind === "known") return true;
      if (verdict.kind === "unknown" && opts.hostKeyPolicy === "accept-new") {
        opts.knownHosts.append(token, blob);
        opts.onHostKeyLearned?.({ node: target.name, host: target.host, port: target.port, keyType: keyTypeOf(blob), fingerprint: fingerprintOf(blob) });
        return true;
      }
      hostKeyProblem =
        verdict.kind === "unknown"
          ? { code: "HostKeyUnknown", message: `${target.name}: host key for ${token} is not in ${opts.knownHosts.path} (policy strict); add it with ssh-keyscan after checking its fingerprint, or set ssh.hostKeyPolicy to accept-new` }
          : verdict.kind === "revoked"
            ? { code: "HostKeyRevoked", message: `${target.name}: HOST KEY REVOKED for ${token}: the ${keyTypeOf(blob)} key presented (${fingerprintOf(blob)}) is marked @revoked in ${opts.knownHosts.path}; refusing to connect` }
            : { code: "HostKeyMismatch", message: `${target.name}: HOST KEY CHANGED for ${token}: the ${keyTypeOf(blob)} key presented does not match ${opts.knownHosts.path}; refusing to connect (possible man-in-the-middle)` };
      return false;
    };

    client.once("ready", () => {
      if (settled) return client.end();
      settled = true;
      clearTimeout(timer);
      resolve(client);
    });
    client.on("error", (err: Error & { level?: string }) => {
      if (hostKeyProblem) {
        return fail(new OysterError(hostKeyProblem.code, hostKeyProblem.message, { node: target.name, host: token }, { cause: err }));
      }
      if (err.level === "client-authentication") {
        return fail(new OysterError("SshAuthFailed", `${target.name}: authentication as ${target.user} failed`, { node: target.name, user: target.user }, { cause: err }));
      }
      fail(new OysterError("SshError", `${target.name}: SSH failed: ${err.message}`, { node: target.name, tcpConnected }, { cause: err }));
    });
    client.once("close", () => {
      fail(new OysterError("SshUnreachable", `${target.name}: connection closed during the SSH handshake`, { node: target.name, tcpConnected }));
    });

    const hostKeyAlgorithms = preferredHostKeyAlgorithms(opts.knownHosts.knownTypes(token));
    client.connect({
      sock: socket,
      username: target.user,
      authHandler: auth,
      hostVerifier: verify,
      // Our own deadline above is the one that counts; ssh2's would only start later.
      readyTimeout: opts.connectTimeoutMs + 10_000,
      keepaliveInterval: opts.keepaliveMs,
      keepaliveCountMax: 3,
      ...(hostKeyAlgorithms ? { algorithms: { serverHostKey: hostKeyAlgorithms as never } } : {}),
    });
  });
}

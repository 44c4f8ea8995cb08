import { connect as tcpConnect } from "node:net";
import type Ssh2 from "ssh2";
import { ssh2 } from "./ssh2-driver.ts";
import { OysterError } from "../errors.ts";
import { authMethods, preferredHostKeyAlgorithms } from "./credentials.ts";
import { HostKeyCheck } from "./host-key-check.ts";
import { hostToken, type KnownHostsFile } from "./known-hosts.ts";
import type { KnownHostsLockOptions } from "./known-hosts-lock.ts";
import type { SshTarget } from "./resolve.ts";

/** A host key that accept-new has just written to known_hosts, after a proven handshake. */
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
   * Told when accept-new records a key: on `ready` (the server proved the key and we logged in),
   * once per line written. This layer does not know the store: the process's wiring
   * (src/runtime.ts) logs it and writes it to the audit table.
   */
  onHostKeyLearned?: (key: LearnedHostKey) => void;
  /** The known_hosts lock's timings (tests). */
  knownHostsLock?: KnownHostsLockOptions;
}

/** Unanswered keepalives before ssh2 drops a kept connection (the pool dates a stall from it). */
export const KEEPALIVE_COUNT_MAX = 3;

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
    const check = new HostKeyCheck({ node: target.name, token, knownHosts: opts.knownHosts, policy: opts.hostKeyPolicy, ...(opts.knownHostsLock ? { lock: opts.knownHostsLock } : {}) });

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

    const succeed = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(client);
    };
    // A key let through provisionally and then not proven: said, so nobody looks for it in known_hosts.
    const unproven = () => {
      const key = check.pending;
      return key ? ` (the new ${key.keyType} host key it presented, ${key.fingerprint}, was not recorded)` : "";
    };

    client.once("ready", () => {
      if (settled) return client.end();
      // Authenticated: the signature over the exchange hash was checked, so the peer holds the
      // host key. Only now may accept-new record it.
      check.learn(() => !settled).then(
        (learned) => {
          if (learned?.kind === "refused") return fail(learned.error);
          if (learned?.kind === "written") {
            const { keyType, fingerprint } = learned.presented;
            opts.onHostKeyLearned?.({ node: target.name, host: target.host, port: target.port, keyType, fingerprint });
          }
          succeed();
        },
        (err: unknown) => fail(err instanceof OysterError ? err : new OysterError("SshError", `${target.name}: could not record the host key: ${(err as Error).message}`, { node: target.name }, { cause: err })),
      );
    });
    client.on("error", (err: Error & { level?: string }) => {
      if (check.problem) {
        const p = check.problem;
        return fail(new OysterError(p.code, p.message, p.details, { cause: err }));
      }
      if (err.level === "client-authentication") {
        return fail(new OysterError("SshAuthFailed", `${target.name}: authentication as ${target.user} failed${unproven()}`, { node: target.name, user: target.user }, { cause: err }));
      }
      fail(new OysterError("SshError", `${target.name}: SSH failed: ${err.message}${unproven()}`, { node: target.name, tcpConnected }, { cause: err }));
    });
    client.once("close", () => {
      fail(new OysterError("SshUnreachable", `${target.name}: connection closed during the SSH handshake${unproven()}`, { node: target.name, tcpConnected }));
    });

    const hostKeyAlgorithms = preferredHostKeyAlgorithms(opts.knownHosts.knownTypes(token));
    client.connect({
      sock: socket,
      username: target.user,
      authHandler: auth,
      hostVerifier: check.verify,
      // Our own deadline above is the one that counts; ssh2's would only start later.
      readyTimeout: opts.connectTimeoutMs + 10_000,
      keepaliveInterval: opts.keepaliveMs,
      keepaliveCountMax: KEEPALIVE_COUNT_MAX,
      ...(hostKeyAlgorithms ? { algorithms: { serverHostKey: hostKeyAlgorithms as never } } : {}),
    });
  });
}

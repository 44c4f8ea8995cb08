import { connect, isIP } from "node:net";
import { basename } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { reloadFleet } from "../config/fleet-reload.ts";
import type { Config } from "../config/index.ts";
import { addNodeToFile } from "../config/nodes-file-write.ts";
import { ConfigError, toOysterError, type OysterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { fingerprintOf } from "../ssh/fingerprint.ts";
import { appendHostKeyCommand, presentedKeyOf, removeHostCommand } from "../ssh/host-key-advice.ts";
import { firstSync } from "../fleet/first-sync.ts";
import { withNodesFileLock } from "../fleet/nodes-file-lock.ts";
import { hostToken, KnownHostsFile, type SshPool, type SshTarget } from "../ssh/index.ts";
import { matchesHost } from "../ssh/known-hosts.ts";
import type { Store } from "../store/index.ts";

export interface JoinFleetInput {
  name: string;
  /** The instance's public IP: anything that does not parse as an IP address is refused. */
  host: string;
  user: string;
  port?: number;
  /** The node's dispatch dir; left out of nodes.json (the default, ~/dispatch) unless given. */
  dispatchDir?: string;
}
export type JoinStepName = "nodes.json" | "ssh" | "host-key" | "sync";
export interface JoinStep { step: JoinStepName; status: "ok" | "failed" | "skipped"; detail: string }
export interface JoinFleetResult {
  ok: boolean;
  steps: JoinStep[];
  /**
   * Under `ssh.hostKeyPolicy: strict`, the command that adds exactly the host key the instance
   * presented to Oyster (its fingerprint is in the host-key step). Named `keyscan` for the grab
   * outcomes already stored in state.db; it no longer runs ssh-keyscan (src/ssh/host-key-advice.ts).
   */
  keyscan?: string;
}

export interface JoinFleetDeps {
  config: Config;
  ssh: SshPool;
  log: Logger;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  now?: () => Date;
  /** How long a fresh instance gets to start answering SSH (default 5 min: boot takes a minute or two). */
  waitForSshMs?: number;
  pollMs?: number;
  /**
   * When given, nodes.json is written under the `nodes-file` lock and the sync takes the
   * `job:sync` lock every Oyster process shares (and is recorded as a sync run).
   */
  store?: Store;
  /** Who the recorded sync run is for (job_runs.owner), and who holds the nodes-file lock. */
  owner?: string;
  /** How long to wait for another nodes.json writer (default NODES_FILE_WAIT_MS). */
  nodesFileWaitMs?: number;
}

const DEFAULT_WAIT_MS = 5 * 60_000;
const DEFAULT_POLL_MS = 5_000;

/** Resolves once something accepts TCP on host:port, or says why not by the deadline. */
async function waitForPort(host: string, port: number, deadline: number, pollMs: number, attemptMs: number, now: () => number): Promise<string | undefined> {
  let last = "no answer";
  for (;;) {
    last = await new Promise<string>((resolve) => {
      const socket = connect({ host, port });
      const done = (why: string) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(why);
      };
      const timer = setTimeout(() => done("timed out"), Math.max(1, Math.min(attemptMs, deadline - now())));
      socket.once("connect", () => done(""));
      socket.once("error", (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
    });
    if (last === "") return undefined;
    if (now() + pollMs > deadline) return last;
    await sleep(pollMs);
  }
}

/** The entries on record for this host (any key type), as `type SHA256:...`. */
function keysOnRecord(file: KnownHostsFile, token: string): string[] {
  return file.entries().filter((e) => e.marker === "" && matchesHost(e.patterns, token)).map((e) => `${e.keyType} ${fingerprintOf(e.key)}`);
}

const HOST_KEY_CODES = new Set(["HostKeyUnknown", "HostKeyMismatch", "HostKeyRevoked"]);

/**
 * Brings a freshly launched instance into the fleet: nodes.json gains it (and this process's fleet
 * with it), then SSH is waited for, its host key handled by `ssh.hostKeyPolicy`, and the core files
 * synced to it. Every step reports a status and a one-line detail (what Slack shows); a step's
 * failure ends the join with the later steps skipped, and never throws.
 */
export async function joinFleet(deps: JoinFleetDeps, input: JoinFleetInput): Promise<JoinFleetResult> {
  const { config, ssh } = deps;
  const log = deps.log.child({ node: input.name, subsystem: "join-fleet" });
  const now = () => (deps.now ?? (() => new Date()))().getTime();
  const steps: JoinStep[] = [];
  const step = (s: JoinStep) => {
    steps.push(s);
    log[s.status === "failed" ? "warn" : "info"]({ step: s.step, status: s.status, detail: s.detail }, "join step");
  };
  const skipRest = (from: JoinStepName[], why: string) => from.forEach((s) => step({ step: s, status: "skipped", detail: why }));
  const finish = (keyscan?: string): JoinFleetResult => {
    const ok = steps.length === 4 && steps.every((s) => s.status === "ok");
    log.info({ ok }, "join finished");
    return { ok, steps, ...(keyscan ? { keyscan } : {}) };
  };

  // 0. The address came from OCI (GetVnic) and may have waited in state.db across a restart: it
  // goes into nodes.json and printed commands only if it is an IP address. Not echoed: it is not ours.
  if (isIP(input.host) === 0) {
    step({ step: "nodes.json", status: "failed", detail: `the instance's address is not an IP address (${input.host.length} characters): not written to nodes.json` });
    skipRest(["ssh", "host-key", "sync"], "not tried: no usable address");
    return finish();
  }

  // 1. nodes.json, then this process's fleet, so the pool can dial the node by name.
  let target: SshTarget;
  // The same node at the same address: a join that a bot restart interrupted, taken up again.
  const listed = config.nodes.find((n) => n.name === input.name);
  if (listed && listed.host === input.host && listed.user === input.user && (listed.port ?? 22) === (input.port ?? 22)) {
    target = ssh.target(input.name);
    step({ step: "nodes.json", status: "ok", detail: `${input.name} is already in nodes.json at ${input.user}@${input.host} (an interrupted join, resumed)` });
  } else try {
    const write = () => addNodeToFile(config.dir, input, { env: deps.env });
    // The bot's join and a terminal's `nodes add` (or install-daemon) must not both rewrite the file at once.
    const written = deps.store ? await withNodesFileLock(deps.store, { label: deps.owner ?? "oci-grab", ...(deps.nodesFileWaitMs !== undefined ? { waitMs: deps.nodesFileWaitMs } : {}) }, write) : write();
    const reload = reloadFleet(deps);
    if (!reload.ok) throw new ConfigError(reload.problems);
    target = ssh.target(input.name);
    const where = `${input.user}@${input.host}${input.port ? `:${input.port}` : ""}`;
    const kept = written.backup ? `; previous copy in ${basename(written.backup)}` : "";
    step({ step: "nodes.json", status: "ok", detail: `added ${input.name} (${where}) to ${written.path}${kept}` });
  } catch (err) {
    const e = toOysterError(err);
    step({ step: "nodes.json", status: "failed", detail: e instanceof ConfigError ? e.problems.join("; ") : e.message });
    skipRest(["ssh", "host-key", "sync"], "not tried: the node is not in the fleet");
    return finish();
  }

  // 2. ssh: the port first (cheap to poll while the instance boots), then a real login.
  const endpoint = `${target.host}:${target.port}`;
  const token = hostToken(target.host, target.port);
  const knownHosts = new KnownHostsFile(config.oyster.ssh.knownHostsFile);
  const keysBefore = keysOnRecord(knownHosts, token);
  const t0 = now();
  const deadline = t0 + (deps.waitForSshMs ?? DEFAULT_WAIT_MS);
  const pollMs = deps.pollMs ?? DEFAULT_POLL_MS;
  const portProblem = await waitForPort(target.host, target.port, deadline, pollMs, config.oyster.ssh.connectTimeoutMs, now);
  const waited = () => `${Math.round((now() - t0) / 1000)} s`;
  if (portProblem !== undefined) {
    step({ step: "ssh", status: "failed", detail: `nothing accepted a connection on ${endpoint} within ${waited()} (last: ${portProblem})` });
    skipRest(["host-key", "sync"], "not tried: SSH never answered");
    return finish();
  }
  let failure: OysterError | undefined;
  for (;;) {
    try {
      const r = await ssh.exec(input.name, "true");
      failure = r.code === 0 ? undefined : toOysterError(new Error(`\`true\` exited ${r.code ?? r.signal}`));
      break;
    } catch (err) {
      failure = toOysterError(err);
      // sshd may answer before cloud-init has installed the key: keep trying until the deadline,
      // except for a host key problem, which waiting cannot fix.
      if (HOST_KEY_CODES.has(failure.code) || now() + pollMs > deadline) break;
      await sleep(pollMs);
    }
  }
  if (failure && HOST_KEY_CODES.has(failure.code)) {
    step({ step: "ssh", status: "ok", detail: `sshd answers on ${endpoint} after ${waited()}; no login until its host key is trusted` });
    const { detail, command } = hostKeyAdvice(failure, token, knownHosts.path);
    step({ step: "host-key", status: "failed", detail });
    skipRest(["sync"], "not tried: needs the host key trusted first");
    return finish(command);
  }
  if (failure) step({ step: "ssh", status: "failed", detail: `${failure.code}: ${failure.message} (tried for ${waited()})` });
  else step({ step: "ssh", status: "ok", detail: `logged in as ${target.user} on ${endpoint} after ${waited()}` });

  // 3. host-key: the dial above judged it; say what is on record now.
  const keysAfter = keysOnRecord(knownHosts, token);
  const learned = keysAfter.filter((k) => !keysBefore.includes(k));
  if (learned.length > 0) step({ step: "host-key", status: "ok", detail: `recorded ${learned.join(", ")} for ${token} in ${knownHosts.path} (accept-new)` });
  else if (keysAfter.length > 0) step({ step: "host-key", status: "ok", detail: `already trusted: ${keysAfter.join(", ")}` });
  else step({ step: "host-key", status: "skipped", detail: "nothing recorded: no login completed (accept-new records a key only after a proven handshake and a successful login)" });
  if (failure) {
    skipRest(["sync"], "not tried: no SSH login");
    return finish();
  }

  // 4. sync: the dispatch dir, then the core files to this node only.
  const synced = await firstSync({ config, ssh, ...(deps.store ? { store: deps.store } : {}), owner: deps.owner ?? "oci-grab" }, log, input.name, target.dispatchDir);
  step({ step: "sync", ...synced });
  return finish();
}

/**
 * What to do about a host key the dial refused. The command adds exactly the key the instance
 * presented to Oyster, whose fingerprint the detail shows: no second scan (see host-key-advice.ts).
 * A revoked key gets no command: undoing a revocation is never a paste away.
 */
function hostKeyAdvice(failure: OysterError, token: string, file: string): { detail: string; command?: string } {
  const key = presentedKeyOf(failure.details);
  if (failure.code === "HostKeyRevoked") return { detail: `the key presented for ${token}${key ? ` (${key.keyType} ${key.fingerprint})` : ""} is marked @revoked in ${file}: refused` };
  if (!key) return { detail: `${failure.message} (no key details: \`oyster check ssh_connection\` shows the key and the line to add)` };
  const seen = `The instance presented ${key.keyType} ${key.fingerprint}`;
  if (failure.code === "HostKeyUnknown") {
    const command = appendHostKeyCommand(key, file);
    return { command, detail: `host key of ${token} is not in ${file} and ssh.hostKeyPolicy is strict: not accepted. ${seen}; compare it with the fingerprint on the instance's console, and only if they match add exactly that key: ${command}` };
  }
  const command = `${removeHostCommand(token, file)} && ${appendHostKeyCommand(key, file)}`;
  return { command, detail: `a DIFFERENT host key is on record for ${token} in ${file} (an earlier machine at this address?): refused. ${seen}; if the instance's console shows that fingerprint, replace the old line with it: ${command}` };
}

import { loadConfig, type Config } from "./config/index.ts";
import { readEnvOptions, type EnvOptions } from "./env.ts";
import { ConfigError } from "./errors.ts";
import { preparePrivateDataDir } from "./files/private-data-dir.ts";
import { ensurePrivateDir } from "./files/private.ts";
import { untrustedReason } from "./files/trusted-dir.ts";
import { auditHostKey } from "./store/audit-host-key.ts";
import { createLogger, type Logger } from "./log.ts";
import { collectSecrets } from "./secrets/index.ts";
import { createSshPool, type SshPool } from "./ssh/index.ts";
import { openStore, type Store } from "./store/index.ts";

/** What a process (bot or CLI) holds open: config, the root logger, state.db and the SSH pool. */
export interface Runtime {
  env: EnvOptions;
  processEnv: NodeJS.ProcessEnv;
  config: Config;
  log: Logger;
  store: Store;
  ssh: SshPool;
  /** The process's clock (RuntimeOptions.now, else the wall clock), for what is wired on top of it. */
  now: () => Date;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  processEnv?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The CLI keeps stderr to warnings so its own output stays readable. */
  stderrLevel?: string;
  now?: () => Date;
}

/** Reads config (throws ConfigError with every problem) and opens what the process needs. */
export function openRuntime(opts: RuntimeOptions = {}): Runtime {
  const processEnv = opts.processEnv ?? process.env;
  const env = readEnvOptions(processEnv, opts.cwd);
  const { config, warnings } = loadConfig({ dir: env.configDir, env: processEnv });
  // Before the log file and state.db are opened, so both are created inside a private dir, and
  // never inside one that someone else owns or may write (a symlink to /tmp/shared, say).
  ensurePrivateDir(env.dataDir);
  const untrusted = untrustedReason(env.dataDir);
  if (untrusted !== null) throw new ConfigError([`environment: OYSTER_DATA_DIR: ${untrusted}`]);
  const tightened = preparePrivateDataDir(env.dataDir);
  const level = env.logLevel ?? "info";
  // One list for the logs and for command output alike (src/secrets), so a secret added there reaches both.
  const secrets = collectSecrets(processEnv, config);
  const log = createLogger({
    dataDir: env.dataDir,
    level,
    stderrLevel: env.logLevel ?? opts.stderrLevel ?? level,
    secrets: secrets.values,
    rotation: { maxBytes: config.oyster.logs.maxMb * 1024 * 1024, keep: config.oyster.logs.keep },
  });
  for (const w of warnings) log.warn({ warning: w }, "config warning");
  for (const variable of secrets.tooShort) log.warn({ variable }, "secret too short to scrub (under 6 characters): it may show in output and logs; use a longer one");
  for (const c of tightened) log.warn(c, "data dir file was readable by others; mode tightened");
  const store = openStore(env.dataDir, opts.now);
  const sshLog = log.child({ subsystem: "ssh" });
  const ssh = createSshPool(config, sshLog, processEnv, { dataDir: env.dataDir, onHostKeyLearned: (key) => auditHostKey(store.audit, key, sshLog) });
  return {
    env,
    processEnv,
    config,
    log,
    store,
    ssh,
    now: opts.now ?? (() => new Date()),
    async close() {
      await ssh.close();
      store.close();
    },
  };
}

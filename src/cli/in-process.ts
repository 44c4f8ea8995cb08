import { userInfo } from "node:os";
import { commands as registry } from "../../commands/index.ts";
import type { AnyCommand, CommandContext } from "../command/types.ts";
import { wireDelivery, type WiredDelivery } from "../delivery-wiring.ts";
import { loadDotEnv, readEnvOptions } from "../env.ts";
import { configuredLocale } from "../locale/configured-locale.ts";
import type { Logger } from "../log.ts";
import { installRejectionLogger } from "../process-handlers.ts";
import { openRuntime, type Runtime } from "../runtime.ts";
import { confirmPlan, type ConfirmIo } from "./confirm.ts";
import type { Out } from "./output.ts";
import { runInvocation } from "./run-invocation.ts";
import type { CliInvocation } from "./split-argv.ts";
import { standaloneContext } from "./standalone-context.ts";
import type { Terminal } from "./terminal.ts";

/** How long the CLI keeps delivering what it queued; the bot picks up the rest from the outbox. */
const CLI_DELIVERY_MS = 20_000;

async function flushDelivery(w: WiredDelivery, log: Logger | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((r) => (timer = setTimeout(r, CLI_DELIVERY_MS)));
  await Promise.race([w.delivery.deliverer.drain().catch((err: unknown) => log?.warn({ err }, "delivery failed; left in the outbox")), deadline]);
  clearTimeout(timer);
  await w.delivery.close(1000);
}

export interface InProcessDeps {
  env: NodeJS.ProcessEnv;
  out: Out;
  cwd?: string;
  io?: ConfirmIo;
  commands?: readonly AnyCommand[];
  now?: () => Date;
  /** This terminal (colour, symbols, width); absent = plain text 80 wide. */
  terminal?: Terminal;
}

/**
 * The command run in this process (src/cli.ts's runCli when the bot does not answer it): the
 * registry, and for anything but a standalone command the config, state.db and the SSH pool.
 * Kept out of src/cli.ts, which imports it only when needed, so a command the running bot answers
 * never loads any of it: the registry (every command, zod) and the runtime are most of the CLI's
 * start-up. One module rather than one import each, so the bundle loads it as a few chunks.
 */
export async function runInProcess(inv: CliInvocation, deps: InProcessDeps): Promise<number> {
  const { env, out } = deps;
  const commands = deps.commands ?? registry;
  let runtime: Runtime | undefined;
  let wired: Promise<WiredDelivery> | undefined;
  let uninstallRejections: (() => void) | undefined;
  function runtimeContext(cmd: AnyCommand): CommandContext {
    runtime = openRuntime({ processEnv: env, stderrLevel: "warn", ...(deps.cwd ? { cwd: deps.cwd } : {}), ...(deps.now ? { now: deps.now } : {}) });
    // A stray rejection (a socket closing under a command) goes through the scrubbing logger,
    // not raw to stderr as Node's default would print it, secrets and all.
    uninstallRejections = installRejectionLogger(runtime.log);
    const user = userInfo().username;
    const rt = runtime;
    // Delivery is wired only when a command has something to send (an alert, a report), so a
    // bad SMTP_URL or Slack token never stands in the way of reading.
    const delivery = () => (wired ??= wireDelivery(rt));
    return {
      notifier: { notify: async (e) => (await delivery()).notifier.notify(e) },
      reportSink: { sendReport: async (r) => (await delivery()).reportSink.sendReport(r) },
      // Wiring is enough: what is wired is drained before exit (flushDelivery below).
      deliverOutbox: async () => void (await delivery()),
      config: runtime.config,
      store: runtime.store,
      ssh: runtime.ssh,
      log: runtime.log.child({ cmd: cmd.name, user: `cli:${user}` }),
      caller: { who: `cli:${user}`, via: "cli", role: "admin" },
      now: deps.now ?? (() => new Date()),
      env,
      dataDir: runtime.env.dataDir,
      commands,
      ...(inv.json ? {} : { stdout: out.stdout }),
    };
  }
  try {
    return await runInvocation(inv, {
      commands,
      out,
      open(cmd) {
        loadDotEnv(".env", env);
        // help answers from the registry alone; everything else opens config, state.db and the SSH pool.
        return cmd.standalone && !cmd.changesState
          ? standaloneContext(cmd, commands, env, readEnvOptions(env, deps.cwd).dataDir, deps.now ?? (() => new Date()))
          : runtimeContext(cmd);
      },
      confirm: (plan, yes) => confirmPlan(plan, yes, deps.io),
      // Read after open(), so an OYSTER_CONFIG_DIR from .env counts.
      standaloneLocale: () => configuredLocale(readEnvOptions(env, deps.cwd).configDir),
      onCrash: (err) => runtime?.log.error({ err }, "command crashed"),
      ...(deps.terminal ? { terminal: deps.terminal } : {}),
    });
  } finally {
    if (wired) await flushDelivery(await wired, runtime?.log);
    await runtime?.close();
    uninstallRejections?.();
  }
}

import { userInfo } from "node:os";
import { commands as registry } from "../commands/index.ts";
import { confirmPlan, type ConfirmIo } from "./cli/confirm.ts";
import { printConfigError, printError, printJson, type Out } from "./cli/output.ts";
import { splitArgv } from "./cli/split-argv.ts";
import type { AnyCommand, CommandContext } from "./command/types.ts";
import { execute, findCommand, prepare, recordDeclined } from "./command/invoke.ts";
import { loadDotEnv, readEnvOptions } from "./env.ts";
import { standaloneContext } from "./cli/standalone-context.ts";
import { ConfigError, OysterError, toOysterError } from "./errors.ts";
import { openRuntime, type Runtime } from "./runtime.ts";
import { wireDelivery, type WiredDelivery } from "./delivery-wiring.ts";
import type { Logger } from "./log.ts";
import { installRejectionLogger } from "./process-handlers.ts";
import { terminalText } from "./render/terminal-text.ts";

import { refuseStaleBuild as refuseStale } from "./startup/fresh-build.ts";

/** For bin/oyster.js: true (having said why) when dist/ is older than the sources. */
export function refuseStaleBuild(): boolean {
  return refuseStale(import.meta.url);
}

/** How long the CLI keeps delivering what it queued; the bot picks up the rest from the outbox. */
const CLI_DELIVERY_MS = 20_000;

async function flushDelivery(w: WiredDelivery, log: Logger | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((r) => (timer = setTimeout(r, CLI_DELIVERY_MS)));
  await Promise.race([w.delivery.deliverer.drain().catch((err: unknown) => log?.warn({ err }, "delivery failed; left in the outbox")), deadline]);
  clearTimeout(timer);
  await w.delivery.close(1000);
}

export interface CliDeps {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  out?: Out;
  io?: ConfirmIo;
  commands?: readonly AnyCommand[];
  now?: () => Date;
}

/**
 * `oyster <command> [args] [--json] [--yes]`. Returns the exit code: 0 ok, 1 unhealthy or failed,
 * 2 usage or config, 3 not allowed / not confirmed. The CLI acts as the local OS user, who holds
 * the SSH keys anyway, so it has every role; it is audited as `cli:<user>`.
 */
export async function runCli(argv: string[], deps: CliDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const out = deps.out ?? { stdout: process.stdout, stderr: process.stderr };
  const commands = deps.commands ?? registry;
  const inv = splitArgv(argv);
  let runtime: Runtime | undefined;
  let wired: Promise<WiredDelivery> | undefined;
  let uninstallRejections: (() => void) | undefined;
  try {
    const cmd = findCommand(commands, inv.command);
    loadDotEnv(".env", env);
    function runtimeContext(): CommandContext {
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
    // help answers from the registry alone; everything else opens config, state.db and the SSH pool.
    const ctx: CommandContext = cmd.standalone && !cmd.changesState
      ? standaloneContext(cmd, commands, env, readEnvOptions(env, deps.cwd).dataDir, deps.now ?? (() => new Date()))
      : runtimeContext();
    let prepared = await prepare(ctx, inv.command, inv.words, { withPlan: !inv.yes });
    let decision: "allowed" | "confirmed" = "allowed";
    if (prepared.confirm) {
      const answer = await confirmPlan(prepared.plan, inv.yes, deps.io);
      if (answer !== "confirmed") {
        recordDeclined(ctx, prepared, answer);
        throw new OysterError("NotConfirmed", answer === "refused" ? `${cmd.name} changes state: confirm on a terminal or pass --yes` : `${cmd.name} cancelled`);
      }
      decision = "confirmed";
      // What was confirmed is what runs: a plan's pinned words (a host key's fingerprint) bind the run to it.
      const pin = prepared.plan?.pin ?? [];
      if (pin.length > 0) prepared = await prepare(ctx, inv.command, [...inv.words, ...pin], { withPlan: false });
    }
    const result = await execute(ctx, prepared, decision);
    if (inv.json) printJson(out, result.data);
    // Text mode only: a log line or a node's output must not drive the terminal (--json escapes them).
    else out.stdout.write(`${terminalText(prepared.cmd.text(result.data))}\n`);
    return result.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof ConfigError) {
      printConfigError(out, err, inv.json);
      return err.exitCode;
    }
    const e = toOysterError(err);
    if (e.code === "Internal") runtime?.log.error({ err: e.cause ?? e }, "command crashed");
    printError(out, e, inv.json);
    return e.exitCode;
  } finally {
    if (wired) await flushDelivery(await wired, runtime?.log);
    await runtime?.close();
    uninstallRejections?.();
  }
}

import { commands } from "../commands/index.ts";
import { jobs } from "../jobs/index.ts";
import { loadDotEnv, slackSetup, type SlackSetup } from "./env.ts";
import { ConfigError, toOysterError } from "./errors.ts";
import { createLogger } from "./log.ts";
import { collectSecrets } from "./secrets/index.ts";
import { installRejectionLogger } from "./process-handlers.ts";
import { terminalText } from "./render/terminal-text.ts";
import { openRuntime, type Runtime } from "./runtime.ts";
import { Scheduler } from "./scheduler.ts";
import { watchFleet } from "./config/fleet-reload.ts";
import { startGrabSupervisor } from "./oci/grab/bot-wiring.ts";
import { wireDelivery, type WiredDelivery } from "./delivery-wiring.ts";
import { withHomeRefresh } from "./app-home/home-refresh-notifier.ts";
import { createSlackApp } from "./slack/app.ts";
import { startWithRetry } from "./slack/start-with-retry.ts";
import { BotPresence } from "./store/bot-presence.ts";
import { LoopMonitor } from "./loop-monitor.ts";
import { handleShutdownSignals } from "./shutdown.ts";
import { refuseStaleBuild } from "./startup/fresh-build.ts";
import { warnOnLowOpenFiles } from "./startup/open-files-limit.ts";
import { heartbeatTargets, jobHeartbeat } from "./http/heartbeat.ts";
import { startHttpOnConfig } from "./http/start-http.ts";
import { BotRequests } from "./bot-requests/bot-requests.ts";
import { RequestPoller } from "./bot-requests/request-poller.ts";
import { reloadBotConfig } from "./bot-requests/reload-bot-config.ts";
import { startCliSocket } from "./bot-socket/bot-wiring.ts";
import { DataDirWatch } from "./data-dir-watch.ts";

const SHUTDOWN_DEADLINE_MS = 15_000;

/**
 * `npm start`: the bot in the foreground. Thin wiring only: config, store, SSH pool, scheduler,
 * and Slack when configured. SIGTERM / SIGINT drain it and exit 0; SIGINT again exits at once (src/shutdown.ts).
 */
async function main(): Promise<number> {
  // A build older than the sources is refused, never run silently (the message says to rebuild).
  if (refuseStaleBuild(import.meta.url)) return 2;
  loadDotEnv(".env");
  // Until the runtime's logger exists, a stderr-only one that already scrubs the env's secrets.
  const uninstallFallback = installRejectionLogger(createLogger({ secrets: collectSecrets(process.env).values }));
  let runtime: Runtime;
  let slack: SlackSetup;
  let earlyRejections: (() => void) | undefined;
  try {
    runtime = openRuntime();
    uninstallFallback();
    earlyRejections = installRejectionLogger(runtime.log);
    slack = slackSetup(runtime.env.slack, runtime.config.oyster.slack.mode);
    const { log, config } = runtime;
    log.info({ configDir: config.dir, dataDir: runtime.env.dataDir, nodes: config.nodes.length }, "oyster starting");
    if (!slack.enabled) {
      log.info("Slack is off: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (socket mode) or SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (http mode) to turn it on; see README \"Slack setup\"");
    } else {
      log.info({ mode: slack.mode }, "Slack on");
    }
    void warnOnLowOpenFiles(config.nodes.length, log);
    if (config.nodes.length === 0) {
      log.info(`No nodes configured: add them to ${config.dir}/nodes.json (see config/nodes.example.json)`);
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${terminalText(err.problems.join("\n"))}\n`);
      return 2;
    }
    process.stderr.write(`oyster: ${terminalText(toOysterError(err).message)}\n`);
    return 1;
  }

  const { log, store } = runtime;
  const bolt = slack.enabled
    ? createSlackApp(slack, { config: runtime.config, store, ssh: runtime.ssh, log, env: process.env, dataDir: runtime.env.dataDir, commands, now: () => new Date() }, { port: runtime.config.oyster.slack.port })
    : undefined;
  let wired: WiredDelivery;
  try {
    // Every notification goes through the outbox: Slack (the app's own client), else email.
    wired = await wireDelivery(runtime, bolt?.app.client);
  } catch (err) {
    process.stderr.write(terminalText(err instanceof ConfigError ? `${err.problems.join("\n")}\n` : `oyster: ${toOysterError(err).message}\n`));
    await runtime.close();
    return err instanceof ConfigError ? 2 : 1;
  }
  const { reportSink, delivery, announcer } = wired;
  // Every alert change in this process (jobs, Slack buttons, CLI commands run through the bot) refreshes the App Home.
  const notifier = withHomeRefresh(wired.notifier, bolt?.home);
  bolt?.setDelivery({ notifier, reportSink });
  delivery.deliverer.start();
  // A full data dir silences the outbox itself: this watch alerts straight through the channels.
  const dataDirWatch = new DataDirWatch({ dir: runtime.env.dataDir, log: log.child({ subsystem: "data-dir" }), channels: wired.channels, announcer });
  dataDirWatch.start();
  earlyRejections?.();
  installRejectionLogger(log, process, (reason) => dataDirWatch.noteFailure(reason));
  // heartbeat.url (the guardian's, bot only) and heartbeat.jobs: a ping after each scheduled run.
  const pings = heartbeatTargets(runtime.config, { withGuardianUrl: true });
  const heartbeat = pings.length > 0 ? jobHeartbeat({ targets: pings, log: log.child({ subsystem: "heartbeat" }) }) : undefined;
  const scheduler = new Scheduler(jobs, { config: runtime.config, ssh: runtime.ssh, store, log, owner: "bot", dataDir: runtime.env.dataDir, notifier, reportSink, ...(heartbeat ? { afterRun: heartbeat.afterRun } : {}) });
  const loop = new LoopMonitor({ log: log.child({ subsystem: "event-loop" }), runningJobs: () => scheduler.runningJobs });
  loop.start();
  const presence = new BotPresence(store.db, () => new Date(), () => loop.stats(), (err) => {
    log.warn({ err: toOysterError(err).message }, "bot heartbeat not written");
    dataDirWatch.noteFailure(err);
  });
  presence.start();
  scheduler.start();
  const http = await startHttpOnConfig({ runtime, jobs: scheduler.jobNames, probeWrite: () => presence.beat(), otherProblems: () => [dataDirWatch.problem()] });
  // `restart guardian` from the CLI (through state.db), and SIGHUP: reload the config, reschedule the guardian.
  const reload = (why: string) => reloadBotConfig({ runtime, scheduler, notifier, why });
  const requests = new RequestPoller(new BotRequests(store.db, runtime.now), { "restart-guardian": (by) => reload(`restart guardian by ${by}`) }, log.child({ subsystem: "requests" }));
  requests.start();
  const onHup = () => void reload("SIGHUP").then((r) => log[r.ok ? "info" : "warn"](r.answer));
  process.on("SIGHUP", onHup);
  const fleetWatch = watchFleet({ config: runtime.config, ssh: runtime.ssh, log: log.child({ subsystem: "fleet" }), env: runtime.processEnv });
  // A grab on record as running (started before a restart, or just now from the CLI) is taken up here.
  const grabs = startGrabSupervisor({ rt: runtime, notifier, announcer, ...(bolt ? { slackClient: bolt.app.client } : {}) });
  const slackApp = bolt ? startWithRetry(bolt, log) : undefined;
  // One-shot CLI commands that reach nodes, answered over the bot's kept connections.
  const cliSocket = await startCliSocket({ runtime, commands, notifier, reportSink });
  log.info({ jobs: scheduler.jobNames }, "oyster running");

  const shutdown = handleShutdownSignals({
    log,
    runningJobs: () => scheduler.runningJobs,
    async drain() {
      const [{ unfinished }] = await Promise.all([scheduler.stop(SHUTDOWN_DEADLINE_MS), grabs.stop(), cliSocket.stop(5_000)]);
      if (unfinished.length) log.warn({ unfinished }, "jobs still running at the deadline; their runs stay marked running");
      if (!(await delivery.close(5_000))) log.warn("a notification was cut off mid-send; it is sent again at next start");
      await slackApp?.stop();
      process.off("SIGHUP", onHup);
      requests.stop();
      await http?.close();
      presence.stop();
      dataDirWatch.stop();
      loop.stop();
      fleetWatch.stop();
      await runtime.close();
      log.info("stopped");
    },
  });
  return shutdown.drained;
}

process.exitCode = await main();

import type { Socket } from "node:net";
import type { Out } from "../cli/output.ts";
import { printFailure, runInvocation } from "../cli/run-invocation.ts";
import { splitArgv } from "../cli/split-argv.ts";
import type { Terminal } from "../cli/terminal.ts";
import { OysterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { botCliContext, type BotCommandDeps } from "./bot-context.ts";
import { PROTOCOL, readMessages, send, type BuildId, type ClientMessage, type RunRequest } from "./protocol.ts";
import { RelayConfirm } from "./relay-confirm.ts";
import { askBotFirst } from "./routed.ts";

/** A client that connects and says nothing (or stops after the hello) is let go after this long. */
const IDLE_MS = 10_000;

export interface SessionDeps extends BotCommandDeps {
  own: BuildId;
  log: Logger;
}

function isRunRequest(r: unknown): r is RunRequest {
  const o = r as Partial<RunRequest> | null;
  return typeof o === "object" && o !== null && Array.isArray(o.argv) && o.argv.every((w) => typeof w === "string") && typeof o.user === "string" && /^[^\s:]+$/.test(o.user);
}

/** The caller's terminal when the request carries a well-formed one (else the text is plain). */
function terminalOf(req: RunRequest): Terminal | undefined {
  const t = req.terminal as Partial<Terminal> | undefined;
  if (typeof t !== "object" || t === null) return undefined;
  if (typeof t.tty !== "boolean" || typeof t.colour !== "boolean" || !Number.isInteger(t.columns) || t.columns! < 1 || t.columns! > 10_000) return undefined;
  return { tty: t.tty, colour: t.colour, columns: t.columns! };
}

/**
 * One CLI connection: the hello (declined for another config dir), then one command run through
 * the same pipeline as the in-process CLI, its output streamed back, then the exit code. The
 * caller's Ctrl-C (`{cancel}`, or the connection closing) aborts the request's signal: the caller
 * is answered "cancelled" (exit 3) at once, and the command stops starting new work. Resolves
 * once the command's own work has settled, which may be after the caller was answered.
 */
export function serveSession(socket: Socket, deps: SessionDeps, controller = new AbortController()): Promise<void> {
  const relay = new RelayConfirm(socket, controller.signal);
  let answered = false;
  // The hello comes first: it is where another config dir is turned away.
  let greeted = false;
  let work: Promise<void> | undefined;
  let settle!: () => void;
  const done = new Promise<void>((r) => (settle = r));
  const idle = setTimeout(() => socket.destroy(), IDLE_MS);

  // After the answer (a cancel), whatever the command still prints goes nowhere.
  const out: Out = {
    stdout: { write: (s: string) => void (answered || send(socket, { out: String(s) })) },
    stderr: { write: (s: string) => void (answered || send(socket, { err: String(s) })) },
  };
  const answer = (code: number) => {
    if (answered) return;
    answered = true;
    send(socket, { exit: code });
    socket.end();
  };

  function run(req: RunRequest): void {
    const inv = splitArgv(req.argv);
    if (!askBotFirst(inv)) {
      send(socket, { fallback: `${inv.command} is run by the CLI itself` });
      socket.end();
      return;
    }
    clearTimeout(idle);
    const log = deps.log.child({ cmd: inv.command, user: `cli:${req.user}` });
    log.info({ json: inv.json }, "answering a CLI request");
    controller.signal.addEventListener("abort", () => {
      if (answered) return;
      log.info("CLI request cancelled by the caller");
      answer(printFailure(out, new OysterError("Cancelled", `${inv.command} cancelled`), inv.json));
    }, { once: true });
    const terminal = terminalOf(req);
    work = runInvocation(inv, {
      commands: deps.commands,
      out,
      open: (cmd) => botCliContext(deps, cmd, { user: req.user, json: inv.json, stdoutTty: req.stdoutTty === true, ...(terminal ? { columns: terminal.columns } : {}), signal: controller.signal, out }),
      confirm: (plan, yes) => relay.ask(plan, yes),
      onCrash: (err) => log.error({ err }, "command crashed"),
      ...(terminal ? { terminal } : {}),
    }).then(answer, (err: unknown) => answer(printFailure(out, err, inv.json)));
    void work.finally(settle);
  }

  function onMessage(msg: ClientMessage): void {
    if ("hello" in msg) {
      const h = msg.hello;
      // Another config is another fleet: the CLI that reads it answers for it.
      if (h.configDir !== deps.runtime.env.configDir) {
        send(socket, { fallback: `this bot runs on ${deps.runtime.env.configDir}` });
        socket.end();
        return;
      }
      greeted = true;
      send(socket, { hello: { v: PROTOCOL, ...deps.own } });
    } else if ("run" in msg) {
      if (!greeted || work || !isRunRequest(msg.run)) return void socket.destroy();
      run(msg.run);
    } else if ("confirm" in msg) relay.answer(msg.confirm);
    else if ("cancel" in msg) controller.abort();
  }

  // The bot stopping: a connection with no command yet is simply closed.
  controller.signal.addEventListener("abort", () => work || socket.destroy(), { once: true });
  readMessages<ClientMessage>(socket, onMessage, () => socket.destroy());
  socket.on("error", () => undefined);
  // A caller gone before the answer (killed, or its Ctrl-C closed the socket) has cancelled too.
  socket.on("close", () => {
    clearTimeout(idle);
    if (!answered) controller.abort();
    answered = true;
    if (!work) settle();
  });
  return done;
}

import { connect, type Socket } from "node:net";
import { userInfo } from "node:os";
import { confirmPlan, type ConfirmIo } from "../cli/confirm.ts";
import type { Out } from "../cli/output.ts";
import type { Terminal } from "../cli/terminal.ts";
import { readEnvOptions } from "../env.ts";
import { PROTOCOL, readMessages, send, socketPath, type BotMessage } from "./protocol.ts";
import { isOlder, ownBuild } from "./version.ts";

/** A bot that answers at all answers a connect at once: nothing there in this long means none. */
export const CONNECT_TIMEOUT_MS = 50;
/** The hello's answer: a bot whose event loop is this busy is not worth waiting for. */
export const HELLO_TIMEOUT_MS = 1000;
/** After Ctrl-C, how long the bot has to say "cancelled" before the CLI says it itself. */
export const CANCEL_GRACE_MS = 2000;

export interface AskBotDeps {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  out: Out;
  io?: ConfirmIo;
  /** This terminal (colour, width), for the bot to render as it would be rendered here. */
  terminal?: Terminal;
  /** Where Ctrl-C arrives (the process; tests pass an emitter). */
  proc?: Pick<NodeJS.Process, "on" | "off">;
}

/** Connected, or undefined when nothing answers: no socket, a stale one (refused), or silence. */
function dial(path: string): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = connect(path);
    const timer = setTimeout(() => done(undefined), CONNECT_TIMEOUT_MS);
    function done(s: Socket | undefined) {
      clearTimeout(timer);
      socket.off("connect", onConnect).off("error", onError);
      if (!s) socket.destroy();
      resolve(s);
    }
    const onConnect = () => done(socket);
    const onError = () => done(undefined);
    socket.once("connect", onConnect).once("error", onError);
  });
}

/**
 * Asks the running bot to answer `oyster <argv>` over `<dataDir>/oyster.sock` and relays its
 * answer: stdout and stderr as it streams them, the plan to this terminal and the y/N back, and
 * its exit code. Undefined when the bot is not there, is older than this CLI, or declines (another
 * config dir): the caller then runs the command itself, nothing having been run.
 */
export async function askBot(argv: string[], deps: AskBotDeps): Promise<number | undefined> {
  const { dataDir, configDir } = readEnvOptions(deps.env, deps.cwd);
  const socket = await dial(socketPath(dataDir));
  if (!socket) return undefined;
  const io = deps.io ?? { input: process.stdin, output: process.stderr };
  const proc = deps.proc ?? process;
  const mine = ownBuild();
  return new Promise<number | undefined>((resolve) => {
    let running = false;
    let settled = false;
    let helloTimer: NodeJS.Timeout | undefined = setTimeout(() => finish(undefined), HELLO_TIMEOUT_MS);
    let graceTimer: NodeJS.Timeout | undefined;
    // A question still open when Ctrl-C comes or the request ends (the bot gone) is closed at
    // once: a readline left on stdin would hold this process after its answer.
    const asking = new AbortController();
    let questionOpen = false;
    const closeQuestion = () => questionOpen && asking.abort();
    function finish(code: number | undefined) {
      if (settled) return;
      settled = true;
      clearTimeout(helloTimer);
      clearTimeout(graceTimer);
      proc.off("SIGINT", onInterrupt);
      closeQuestion();
      socket!.destroy();
      resolve(code);
    }
    // Ctrl-C cancels the request in the bot, which answers "cancelled" (exit 3); a second one,
    // or a bot that does not answer in time, ends it here with the same exit code.
    function onInterrupt() {
      if (graceTimer) return finish(3);
      closeQuestion();
      send(socket!, { cancel: true });
      graceTimer = setTimeout(() => {
        deps.out.stderr.write(`oyster: ${argv[0] ?? "command"} cancelled\n`);
        finish(3);
      }, CANCEL_GRACE_MS);
    }
    function onMessage(msg: BotMessage) {
      if ("hello" in msg) {
        clearTimeout(helloTimer);
        helloTimer = undefined;
        if (msg.hello.v !== PROTOCOL || isOlder(msg.hello, mine)) return finish(undefined);
        running = true;
        proc.on("SIGINT", onInterrupt);
        const stdoutTty = (deps.out.stdout as { isTTY?: boolean }).isTTY === true;
        send(socket!, { run: { argv, user: userInfo().username, stdoutTty, ...(deps.terminal ? { terminal: deps.terminal } : {}) } });
      } else if ("fallback" in msg) finish(undefined);
      else if ("out" in msg) deps.out.stdout.write(msg.out);
      else if ("err" in msg) deps.out.stderr.write(msg.err);
      else if ("plan" in msg) {
        // Shown and asked here, exactly as the CLI asks when it runs the command itself.
        questionOpen = true;
        void confirmPlan(msg.plan ?? undefined, msg.yes, io, asking.signal)
          .then(
            (answer) => send(socket!, { confirm: answer }),
            () => send(socket!, { confirm: "cancelled" }),
          )
          .finally(() => (questionOpen = false));
      } else if ("exit" in msg) finish(msg.exit);
    }
    // Before the command was sent nothing ran: run it here. After, the bot may have done part of it.
    function lost() {
      if (settled) return;
      if (!running) return finish(undefined);
      deps.out.stderr.write("oyster: the running bot closed the connection before answering (it may have stopped); see `oyster audit` before running it again\n");
      finish(1);
    }
    readMessages<BotMessage>(socket, onMessage, lost);
    socket.on("error", () => undefined);
    socket.on("close", lost);
    send(socket, { hello: { v: PROTOCOL, ...mine, configDir } });
  });
}

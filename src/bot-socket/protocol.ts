import { join } from "node:path";
import type { Socket } from "node:net";
import type { ConfirmAnswer } from "../cli/confirm.ts";
import type { Plan } from "../command/types.ts";
import type { Terminal } from "../cli/terminal.ts";

/**
 * The CLI-to-bot socket's protocol: newline-delimited JSON, one object a line. A client and a bot
 * that speak different numbers never talk past the hello: the CLI runs the command itself.
 */
export const PROTOCOL = 1;

/** `<dataDir>/oyster.sock`: inside the 0700 data dir, itself 0600 (the contract). */
export function socketPath(dataDir: string): string {
  return join(dataDir, "oyster.sock");
}

/** What a build is: the package's version, and when dist/ was built (null when run from the sources). */
export interface BuildId {
  version: string;
  build: string | null;
}

/** The CLI's first line: who it is, and which config it would run with. */
export interface ClientHello extends BuildId {
  v: number;
  /** The CLI's resolved config dir: a bot running on another config must not answer for it. */
  configDir: string;
}

/** The CLI's second line, once it has judged the bot's hello: the command to run. */
export interface RunRequest {
  /** The CLI's own argv after `oyster`, split again by the bot exactly as the CLI splits it. */
  argv: string[];
  /** The OS user at the terminal: audited as `cli:<user>`. */
  user: string;
  /** Whether the caller's stdout is a terminal (a command that redraws asks). */
  stdoutTty: boolean;
  /** The caller's terminal as the CLI read it (colour, width); absent from older CLIs: a pipe. */
  terminal?: Terminal;
}

export type ClientMessage = { hello: ClientHello } | { run: RunRequest } | { confirm: ConfirmAnswer } | { cancel: true };

export type BotMessage =
  | { hello: BuildId & { v: number } }
  /** Not this bot's to answer (another config dir, a command it does not take): the CLI runs it. */
  | { fallback: string }
  | { out: string }
  | { err: string }
  /** Ask the caller's terminal; the CLI answers with `{confirm}`. */
  | { plan: Plan | null; yes: boolean }
  | { exit: number };

/** One message a line. A write to a socket the peer already closed is dropped, not thrown. */
export function send(socket: Socket, msg: ClientMessage | BotMessage): void {
  if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(msg)}\n`);
}

/** A line longer than this is not ours (a plan or a command's output is far smaller): the peer is cut off. */
const MAX_LINE = 16 * 1024 * 1024;

/**
 * Calls `onMessage` for each JSON line that arrives; a line that is not JSON, not an object, or
 * longer than the limit (judged as it grows, without waiting for its end) goes to `onBad`, once:
 * nothing after it is read or kept (the connection is then closed by the caller). So does a
 * message `onMessage` throws on (a field of the wrong shape): a peer's bad line never becomes an
 * uncaught exception in this process (the bot, serving everyone else meanwhile).
 */
export function readMessages<T>(socket: Socket, onMessage: (msg: T) => void, onBad: (why: string) => void): void {
  let buffered = "";
  let stopped = false;
  const bad = (why: string) => {
    stopped = true;
    buffered = "";
    onBad(why);
  };
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    if (stopped) return;
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.length > MAX_LINE) return bad("line too long");
      if (line.trim() === "") continue;
      let msg: unknown;
      try {
        msg = JSON.parse(line);
      } catch {
        return bad("not JSON");
      }
      if (msg === null || typeof msg !== "object") return bad("not an object");
      try {
        onMessage(msg as T);
      } catch {
        return bad("not a message");
      }
    }
    // What is left is the start of a line: already past the limit, it is not ours.
    if (buffered.length > MAX_LINE) bad("line too long");
  });
}

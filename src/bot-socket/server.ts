import { chmodSync, linkSync, lstatSync, mkdtempSync, rmSync, statSync, unlinkSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import type { Logger } from "../log.ts";
import { socketPath } from "./protocol.ts";

/** How long a probe of an existing socket waits: a live bot accepts at once (the kernel does). */
const PROBE_MS = 500;

export interface BotSocket {
  path: string;
  /** Stops accepting and removes the socket file when it is still this bot's. */
  close(): Promise<void>;
}

/** "live" when something accepts on `path`, "stale" when the file is there and nobody listens, "absent" otherwise. */
export function probeSocket(path: string): Promise<"live" | "stale" | "absent"> {
  return new Promise((resolve) => {
    const s = connect(path);
    const timer = setTimeout(() => finish("live"), PROBE_MS);
    function finish(what: "live" | "stale" | "absent") {
      clearTimeout(timer);
      s.destroy();
      resolve(what);
    }
    s.once("connect", () => finish("live"));
    s.once("error", (err: NodeJS.ErrnoException) => finish(err.code === "ENOENT" ? "absent" : err.code === "ECONNREFUSED" ? "stale" : "live"));
  });
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** Removes the socket at `path` when it is still the stale one found there (inode `ino`): true if it went. */
function removeStale(path: string, ino: number): boolean {
  try {
    // Another bot starting at the same moment may have replaced it already: theirs is live.
    if (lstatSync(path).ino !== ino) return false;
    unlinkSync(path);
    return true;
  } catch {
    return false; // gone meanwhile (that other bot removed it first)
  }
}

/**
 * Listens on `<dataDir>/oyster.sock` for the CLI. The socket is bound in a fresh 0700 dir inside
 * the data dir, made 0600 there, and only then linked into place (a link, unlike a rename, never
 * replaces what another bot put there meanwhile): no moment exists where another user could reach
 * it. A socket left by a bot that was killed (connect refused) is replaced, just before the link
 * and only if it is still that same file; one another bot answers on is left alone, as is
 * anything there that is not a socket, and this bot then takes no CLI requests (undefined, said
 * in the log). Two bots starting at once over a stale socket: one links, the other finds it taken.
 */
export async function startBotSocket(dataDir: string, onConnection: (socket: Socket) => void, log: Logger): Promise<BotSocket | undefined> {
  const path = socketPath(dataDir);
  // What is there before the probe: a "stale" verdict is about that file, not about one another
  // bot starting right now may have linked in while the probe's answer was on its way.
  let there;
  try {
    there = lstatSync(path);
  } catch {
    there = undefined;
  }
  const found = await probeSocket(path);
  if (found === "live") {
    log.warn({ path }, "another bot answers on the CLI socket: this one takes no CLI requests (the CLI asks that one)");
    return undefined;
  }
  if (found === "stale" && there && !there.isSocket()) {
    log.warn({ path }, "something that is not a socket is where the CLI socket goes: left alone, and this bot takes no CLI requests (the CLI dials the nodes itself)");
    return undefined;
  }
  const staleIno = found === "stale" ? there?.ino : undefined;
  const server = createServer(onConnection);
  const aside = mkdtempSync(join(dataDir, ".sock-"));
  try {
    const bound = join(aside, "s");
    await listen(server, bound);
    chmodSync(bound, 0o600);
    if (staleIno !== undefined && removeStale(path, staleIno)) log.info({ path }, "removed the CLI socket a stopped bot left behind");
    linkSync(bound, path);
  } catch (err) {
    server.close();
    if ((err as NodeJS.ErrnoException).code === "EEXIST") log.warn({ path }, "another bot took the CLI socket as this one started: this one takes no CLI requests (the CLI asks that one)");
    else log.warn({ err, path }, "could not open the CLI socket: the CLI dials the nodes itself");
    return undefined;
  } finally {
    rmSync(aside, { recursive: true, force: true });
  }
  const ino = statSync(path).ino;
  log.info({ path }, "answering the CLI on its socket");
  return {
    path,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Only our own file: a bot started after us may have replaced a socket it judged stale.
      try {
        if (statSync(path).ino === ino) unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}

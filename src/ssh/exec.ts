import type ssh2 from "ssh2";
import { OysterError } from "../errors.ts";

export interface ExecResult {
  node: string;
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
  truncated: boolean;
  durationMs: number;
}

export interface ExecOptions {
  timeoutMs: number;
  /** Bytes kept of stdout and of stderr each; the rest is counted but dropped. */
  maxOutputBytes?: number;
  stdin?: string | Buffer;
}

const DEFAULT_CAP = 1024 * 1024;

class CappedBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly cap: number) {}
  push(chunk: Buffer): void {
    const room = this.cap - this.size;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    if (chunk.length > room) this.truncated = true;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.size += kept.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

/**
 * Runs one command line on an open connection. The caller builds `command` from literals and
 * `shellQuote`d values only. On timeout the connection is suspect (a hung node looks exactly like
 * this), so `onTimeout` lets the pool drop it.
 */
export function execOn(client: ssh2.Client, node: string, command: string, opts: ExecOptions, onTimeout?: () => void): Promise<ExecResult> {
  const started = performance.now();
  const cap = opts.maxOutputBytes ?? DEFAULT_CAP;
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      fn();
    };
    // Whether the node answered at all: a channel opened (or refused) is an answer, so a timeout
    // after it is a slow command; none means the connection itself stalled (a hung node).
    let answered = false;
    const timer = setTimeout(() => {
      finish(() => {
        onTimeout?.();
        const what = answered ? "command did not finish" : "the connection stalled: no answer at all";
        reject(new OysterError("SshTimeout", `${node}: ${what} within ${opts.timeoutMs} ms`, { node, phase: "command", timeoutMs: opts.timeoutMs, ...(answered ? {} : { stalled: true, tcpConnected: true }) }));
      });
    }, opts.timeoutMs);

    const cannotStart = (err: Error) =>
      finish(() => reject(new OysterError("SshError", `${node}: cannot start a command: ${err.message}`, { node }, { cause: err })));

    const collect = (stream: ssh2.ClientChannel) => {
      const out = new CappedBuffer(cap);
      const errOut = new CappedBuffer(cap);
      let code: number | null = null;
      let signal: string | undefined;
      stream.on("data", (d: Buffer) => out.push(d));
      stream.stderr.on("data", (d: Buffer) => errOut.push(d));
      stream.on("exit", (c: number | null, s?: string) => {
        code = c;
        signal = s ?? undefined;
      });
      stream.on("close", () => {
        finish(() =>
          resolve({
            node,
            code,
            ...(signal ? { signal } : {}),
            stdout: out.text(),
            stderr: errOut.text(),
            truncated: out.truncated || errOut.truncated,
            durationMs: Math.round((performance.now() - started) * 10) / 10,
          }),
        );
      });
      if (opts.stdin !== undefined) stream.end(opts.stdin);
      else stream.end();
    };

    try {
      client.exec(command, (err, stream) => {
        answered = true;
        if (err) cannotStart(err);
        else collect(stream);
      });
    } catch (err) {
      // ssh2 throws synchronously ("Not connected") on a connection that closed a moment ago.
      cannotStart(err as Error);
    }
  });
}

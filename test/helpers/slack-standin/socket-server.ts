// Socket Mode as Slack runs it: apps.connections.open hands out a single-use ticket URL; the
// client connects, gets {type:"hello"}, then receives envelopes and answers each with an ack frame
// {envelope_id, payload}. Pongs to the client's pings come from `ws` itself (autoPong).
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Workspace } from "./types.ts";

// Slack shows the user an error after 3 s without an ack; the stand-in fails the test there.
const ACK_DEADLINE_MS = 3000;

interface Pending {
  sentAt: number;
  timer: NodeJS.Timeout;
  resolve: (r: { ackMs: number; ack: Record<string, unknown> | undefined }) => void;
  reject: (e: Error) => void;
}

export class SocketServer {
  /** Answered apps.connections.open calls. */
  opened = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  /** Sockets that got hello and were not told to go away: where envelopes are sent. */
  private readonly live: WebSocket[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly ws: Workspace) {}

  /** The apps.connections.open answer: a ws:// URL with a fresh ticket. */
  issueUrl(port: number): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    this.opened += 1;
    return `ws://127.0.0.1:${port}/socket?ticket=${ticket}&app_id=${this.ws.appId}`;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const ticket = url.searchParams.get("ticket") ?? "";
    // A ticket is good for one connection, like Slack's; a replayed URL must fail.
    if (url.pathname !== "/socket" || !this.tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (client) => this.onConnection(client));
  }

  private onConnection(client: WebSocket): void {
    client.on("message", (data, isBinary) => {
      if (!isBinary) this.onFrame(String(data));
    });
    client.on("close", () => this.forget(client));
    client.on("error", () => this.forget(client)); // a dropped peer is expected in these tests
    client.send(JSON.stringify({ type: "hello", num_connections: this.live.length + 1, debug_info: { host: "applink-stand-in", build_number: 1, approximate_connection_time: 18060 }, connection_info: { app_id: this.ws.appId } }));
    this.live.push(client);
    for (const wake of [...this.waiters]) wake();
  }

  private forget(client: WebSocket): void {
    const i = this.live.indexOf(client);
    if (i >= 0) this.live.splice(i, 1);
  }

  private onFrame(text: string): void {
    let frame: { envelope_id?: unknown; payload?: unknown };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return; // Slack ignores garbage frames too
    }
    const pending = typeof frame.envelope_id === "string" ? this.pending.get(frame.envelope_id) : undefined;
    if (pending === undefined) return;
    this.pending.delete(frame.envelope_id as string);
    clearTimeout(pending.timer);
    const ack = typeof frame.payload === "object" && frame.payload !== null ? (frame.payload as Record<string, unknown>) : undefined;
    pending.resolve({ ackMs: Date.now() - pending.sentAt, ack });
  }

  /** Sends an envelope to the newest live connection; resolves with the client's ack. */
  send(type: string, payload: Record<string, unknown>, acceptsResponsePayload: boolean): Promise<{ ackMs: number; ack: Record<string, unknown> | undefined }> {
    const client = this.live.at(-1);
    if (client === undefined) return Promise.reject(new Error("stand-in: no Socket Mode client is connected"));
    const envelopeId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`stand-in: no ack for ${type} envelope within ${ACK_DEADLINE_MS} ms`));
      }, ACK_DEADLINE_MS);
      timer.unref();
      this.pending.set(envelopeId, { sentAt: Date.now(), timer, resolve, reject });
      client.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: acceptsResponsePayload }));
    });
  }

  waitForSocket(timeoutMs: number): Promise<void> {
    if (this.live.length > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        this.waiters.delete(done);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(done);
        reject(new Error(`stand-in: no Socket Mode client connected within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(done);
    });
  }

  /** Slack's "please reconnect": the socket stays open until the client closes it, but gets nothing new. */
  disconnect(reason: string): void {
    for (const client of this.live.splice(0)) client.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-stand-in" } }));
  }

  /** Kills every connection at the TCP level: no close frame, as when a network path dies. */
  dropAll(): void {
    this.live.length = 0;
    for (const client of this.wss.clients) client.terminate();
  }

  /**
   * Closes with a close frame (1001, as a server going away) and a short grace before terminating.
   * Terminating outright races a client that is itself closing (app.stop() just before): socket-mode
   * then leaks its 30 s close-handshake timer and the test process hangs for 30 s.
   */
  async close(): Promise<void> {
    this.live.length = 0;
    await Promise.all([...this.wss.clients].map((client) => closeGracefully(client)));
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error("stand-in closed"));
      this.pending.delete(id);
    }
    this.wss.close();
  }
}

const CLOSE_GRACE_MS = 500;

function closeGracefully(client: WebSocket): Promise<void> {
  if (client.readyState === client.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => client.terminate(), CLOSE_GRACE_MS);
    client.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    if (client.readyState === client.OPEN) client.close(1001, "stand-in closing");
  });
}

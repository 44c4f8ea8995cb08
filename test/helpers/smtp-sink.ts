import { SMTPServer } from "smtp-server";
import { freePorts } from "./rig/free-ports.ts";
import { parseMail, type ParsedMail } from "./parse-mail.ts";

export interface ReceivedMail extends ParsedMail {
  from: string;
  to: string[];
  /** The idempotency key Oyster puts in `X-Oyster-Key`. */
  key: string;
  /** The user that logged in, when the client authenticated. */
  user?: string;
  /** Whether the session ran over TLS (STARTTLS) when the mail was sent. */
  secure: boolean;
  raw: string;
}

/**
 * What the server does about STARTTLS: `refused` (the default: not offered, and the command is
 * refused, as when a man in the middle strips it), `hidden` (not offered, though the command
 * still works with smtp-server's built-in certificate, which nobody trusts), or a key and
 * certificate to offer it with.
 */
export type SinkStartTls = "refused" | "hidden" | { key: string; cert: string };

/**
 * A real SMTP server on loopback that keeps every message. It can be stopped and started again
 * on the same port (an SMTP outage and its end), and keeps what it received across that.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  /** Every AUTH the server saw (user names), accepted or not: a refused client sends none. */
  readonly authAttempts: string[] = [];
  private server: SMTPServer | undefined;

  private constructor(readonly port: number, private readonly startTls: SinkStartTls) {}

  static async start(opts: { startTls?: SinkStartTls } = {}): Promise<SmtpSink> {
    const [port] = await freePorts(1);
    const sink = new SmtpSink(port!, opts.startTls ?? "refused");
    await sink.restart();
    return sink;
  }

  /** `smtp://user:pass@127.0.0.1:<port>` (any login is accepted). */
  url(auth = ""): string {
    return `smtp://${auth ? `${auth}@` : ""}127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Messages per X-Oyster-Key, to count duplicates. */
  countByKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
    return counts;
  }

  async restart(): Promise<void> {
    if (this.server) return;
    const tls = this.startTls;
    const server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      // By default no STARTTLS: nodemailer would try it and reject the built-in test certificate.
      ...(tls === "refused" ? { disabledCommands: ["STARTTLS"] } : tls === "hidden" ? { hideSTARTTLS: true } : { key: tls.key, cert: tls.cert }),
      logger: false,
      onAuth: (auth, _session, cb) => {
        this.authAttempts.push(auth.username ?? "");
        cb(null, { user: auth.username ?? "" });
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const mail = parseMail(raw);
          const user = typeof session.user === "string" ? session.user : undefined;
          this.messages.push({
            ...mail,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            key: mail.headers.get("x-oyster-key") ?? "",
            ...(user ? { user } : {}),
            secure: session.secure,
            raw,
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

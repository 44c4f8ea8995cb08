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
  raw: string;
}

/**
 * A real SMTP server on loopback that keeps every message. It can be stopped and started again
 * on the same port (an SMTP outage and its end), and keeps what it received across that.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private server: SMTPServer | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<SmtpSink> {
    const [port] = await freePorts(1);
    const sink = new SmtpSink(port!);
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
    const server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      // No STARTTLS on offer: nodemailer would try it and reject the built-in test certificate.
      disabledCommands: ["STARTTLS"],
      logger: false,
      onAuth: (auth, _session, cb) => cb(null, { user: auth.username ?? "" }),
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

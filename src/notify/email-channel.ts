import { createHash } from "node:crypto";
import { hostname } from "node:os";
import type Nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { lazyPackage } from "../startup/lazy-package.ts";
import { OysterError } from "../errors.ts";
import type { DeliveryChannel, OutboxItem } from "./delivery-types.ts";
import { renderEmail } from "./email-render.ts";
import { smtpTransportOptions } from "./smtp-transport.ts";
import { tlsRefusal } from "./smtp-tls-refusal.ts";
import { parseSmtpUrl } from "./smtp-url.ts";
import type { Locale } from "../locale/index.ts";
import { plainView, type View } from "../render/view.ts";

// Loaded when an email channel is made: commands that send nothing never load nodemailer.
const nodemailer = lazyPackage<typeof Nodemailer>("nodemailer");

/**
 * Connect, greeting and idle limits for one SMTP step. nodemailer's defaults (2 min, 30 s,
 * 10 min) would hold the delivery worker long after a dead relay could have answered.
 */
export const SMTP_TIMEOUT_MS = 10_000;

export interface EmailChannelOptions {
  /** `SMTP_URL`; absent = email not configured. A malformed value throws a ConfigError. */
  smtpUrl?: string;
  /** `email.from`; defaults to `oyster@<this host>` (set it: relays may refuse a bare host name). */
  from?: string;
  /** `email.to` (always a list after config parsing); empty = email not configured. */
  to: string[];
  timeoutMs?: number;
  /** `email.allowInsecureAuth`: credentials over plain SMTP (default false: only over TLS). */
  allowInsecureAuth?: boolean;
  /** Extra trust anchors (PEM) for the relay's certificate; verification always stays on. */
  ca?: string;
  /** `locale`: the language alert emails are written in (reports arrive already written). */
  locale?: Locale;
}

/** The domain part of an address like `Oyster <ops@example.com>`, for Message-IDs. */
function domainOf(address: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(address);
  return m?.[1] ?? "oyster.invalid";
}

/** Alerts, reports and fallback summaries by email, through the relay named by `SMTP_URL`. */
export class EmailChannel implements DeliveryChannel {
  readonly name = "email" as const;
  private readonly transport: Transporter | undefined;
  private readonly from: string;
  private readonly to: string[];
  /** `host:port` for messages; never the URL, which may hold a password. */
  private readonly where: string = "";
  /** Credentials over smtp://: TLS must come first, and a failure to get it is explained. */
  private readonly tlsRequired: boolean = false;
  private readonly view: View;

  constructor(opts: EmailChannelOptions) {
    this.from = opts.from ?? `Oyster <oyster@${hostname()}>`;
    this.to = opts.to;
    this.view = plainView(opts.locale);
    if (opts.smtpUrl) {
      const server = parseSmtpUrl(opts.smtpUrl);
      this.where = `${server.host}:${server.port ?? (server.secure ? 465 : 587)}`;
      const options = smtpTransportOptions(server, {
        allowInsecureAuth: opts.allowInsecureAuth ?? false,
        timeoutMs: opts.timeoutMs ?? SMTP_TIMEOUT_MS,
        ...(opts.ca ? { ca: opts.ca } : {}),
      });
      this.tlsRequired = options.requireTLS === true;
      this.transport = nodemailer().createTransport(options);
    }
  }

  configured(): boolean {
    return this.transport !== undefined && this.to.length > 0;
  }

  async deliver(item: OutboxItem): Promise<void> {
    if (!this.transport || this.to.length === 0) throw new OysterError("NotConfigured", "email is not configured (SMTP_URL and email.to)");
    const mail = renderEmail(item.payload, this.view);
    const message = {
      from: this.from,
      to: this.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // Derived from the idempotency key: the one message a crash may repeat carries the same
      // Message-ID both times, so mail clients that de-duplicate show it once.
      messageId: `<oyster.${createHash("sha256").update(item.key).digest("hex").slice(0, 32)}@${domainOf(this.from)}>`,
      headers: { "X-Oyster-Key": item.key },
    };
    try {
      await this.transport.sendMail(message);
    } catch (err) {
      throw (this.tlsRequired ? tlsRefusal(err, this.where) : undefined) ?? err;
    }
  }

  close(): void {
    this.transport?.close();
  }
}

import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { SmtpServer } from "./smtp-url.ts";

export interface SmtpSecurity {
  /** `email.allowInsecureAuth`: send credentials without TLS (a relay on loopback, say). */
  allowInsecureAuth: boolean;
  /**
   * Extra trust anchors for the relay's certificate (PEM). Certificate verification is never
   * switched off; a private CA in production goes in NODE_EXTRA_CA_CERTS, tests pass theirs here.
   */
  ca?: string;
  timeoutMs: number;
}

const IDLE_MARGIN_MS = 2_000;

/**
 * nodemailer options for one relay. With credentials over `smtp://`, TLS is required before AUTH
 * (`requireTLS`): a server, or a man in the middle, that does not do STARTTLS gets no password.
 * Without credentials, STARTTLS is used when offered and the mail goes plain otherwise, as there
 * is nothing to steal but the mail itself. `smtps://` is TLS from the first byte.
 */
export function smtpTransportOptions(server: SmtpServer, security: SmtpSecurity): SMTPTransport.Options {
  const t = security.timeoutMs;
  return {
    ...server,
    ...(server.auth && !server.secure && !security.allowInsecureAuth ? { requireTLS: true } : {}),
    ...(security.ca ? { tls: { ca: security.ca } } : {}),
    connectionTimeout: t,
    greetingTimeout: t,
    // The idle limit runs from the same moment as the greeting limit; a little longer, so a
    // relay that accepts and never speaks is named as such ("Greeting never received"), not as
    // a bare "Timeout" whichever timer the event loop happened to run first.
    socketTimeout: t + IDLE_MARGIN_MS,
    dnsTimeout: t,
  };
}

import { ConfigError } from "../errors.ts";

export interface SmtpServer {
  host: string;
  /** Absent: nodemailer's default for the scheme (587 for smtp://, 465 for smtps://). */
  port?: number;
  /** smtps:// is TLS from the first byte; smtp:// upgrades with STARTTLS when offered. */
  secure: boolean;
  auth?: { user: string; pass: string };
}

/**
 * `SMTP_URL` as `smtp://[user[:pass]@]host[:port]` or `smtps://...`, percent-decoded. Throws a
 * ConfigError that never repeats the value: it may hold a password.
 */
export function parseSmtpUrl(value: string): SmtpServer {
  const problem = (what: string) => new ConfigError([`environment: SMTP_URL: ${what} (expected smtp://user:pass@host:port or smtps://...)`]);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw problem("not a URL");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw problem(`unsupported scheme "${url.protocol.replace(/:$/, "")}"`);
  if (!url.hostname) throw problem("no host");
  const server: SmtpServer = { host: url.hostname.replace(/^\[(.*)\]$/, "$1"), secure: url.protocol === "smtps:" };
  if (url.port) server.port = Number(url.port);
  if (url.username || url.password) {
    try {
      server.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      throw problem("bad percent-encoding in user or password");
    }
  }
  return server;
}

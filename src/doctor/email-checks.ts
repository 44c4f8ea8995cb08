import type Nodemailer from "nodemailer";
import type { Config } from "../config/index.ts";
import { ConfigError } from "../errors.ts";
import { SMTP_TIMEOUT_MS } from "../notify/email-channel.ts";
import { smtpTransportOptions } from "../notify/smtp-transport.ts";
import { parseSmtpUrl, type SmtpServer } from "../notify/smtp-url.ts";
import { lazyPackage } from "../startup/lazy-package.ts";
import { line, firstLine, say } from "./line.ts";
import type { DoctorLine } from "./types.ts";

const nodemailer = lazyPackage<typeof Nodemailer>("nodemailer");

/** What a failed verify() says about TLS: refused (not offered), a handshake that failed, or neither. */
export function tlsTrouble(err: unknown): "no-starttls" | "tls-failed" | undefined {
  const e = (err ?? {}) as { code?: unknown; originalCode?: unknown; command?: unknown; response?: unknown };
  const response = typeof e.response === "string" ? e.response : "";
  if (e.code === "ETLS" && e.command === "STARTTLS" && /^[45]\d\d/.test(response)) return "no-starttls";
  const codes = [e.code, e.originalCode].filter((c): c is string => typeof c === "string");
  if (codes.some((c) => c === "ETLS" || (c !== "ESOCKET" && /CERT|SSL|TLS|SIGN|ISSUER/.test(c)))) return "tls-failed";
  return undefined;
}

export interface EmailCheckOptions {
  /** Extra trust anchors (PEM), as the email channel takes them; production uses NODE_EXTRA_CA_CERTS. */
  ca?: string;
  timeoutMs?: number;
}

/**
 * The relay named by SMTP_URL, with the email channel's own options, but TLS demanded: connect,
 * greeting, EHLO, STARTTLS (or TLS from the first byte for smtps://) and, with credentials, AUTH
 * (nodemailer's verify(); no mail is sent). A relay without STARTTLS is a warning where mail may
 * go in clear (no credentials, or email.allowInsecureAuth) and a failure where delivery would
 * refuse to send the password.
 */
export async function emailChecks(config: Config, env: NodeJS.ProcessEnv, opts: EmailCheckOptions = {}): Promise<DoctorLine[]> {
  const url = env.SMTP_URL || undefined;
  if (url === undefined) return [line("email", "SMTP_URL", "warn", say("doctor.email.off"), say("doctor.email.offFix"))];
  let server: SmtpServer;
  try {
    server = parseSmtpUrl(url);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [line("email", "SMTP_URL", "fail", say("doctor.email.badUrl", { problem: err.problems.join("; ") }), say("doctor.email.badUrlFix"))];
  }
  const { to, allowInsecureAuth } = config.oyster.email;
  const lines: DoctorLine[] = to.length === 0 ? [line("email", "email.to", "warn", say("doctor.email.noRecipients"), say("doctor.email.noRecipientsFix"))] : [];
  const where = `${server.host}:${server.port ?? (server.secure ? 465 : 587)}`;
  const options = {
    ...smtpTransportOptions(server, { allowInsecureAuth, timeoutMs: opts.timeoutMs ?? SMTP_TIMEOUT_MS, ...(opts.ca ? { ca: opts.ca } : {}) }),
    ...(server.secure ? {} : { requireTLS: true }),
  };
  const transport = nodemailer().createTransport(options);
  try {
    await transport.verify();
    lines.push(line("email", "SMTP_URL", "ok", say(server.auth ? "doctor.email.okAuth" : "doctor.email.ok", { where })));
  } catch (err) {
    const trouble = tlsTrouble(err);
    const why = firstLine(err instanceof Error ? err.message : String(err));
    if (trouble === "no-starttls") {
      const clear = !server.auth || allowInsecureAuth;
      lines.push(clear
        ? line("email", "SMTP_URL", "warn", say("doctor.email.noTlsClear", { where }), say("doctor.email.noTlsFix"))
        : line("email", "SMTP_URL", "fail", say("doctor.email.noTlsRefused", { where }), say("doctor.email.noTlsFix")));
    } else if (trouble === "tls-failed") {
      lines.push(line("email", "SMTP_URL", "fail", say("doctor.email.tlsFailed", { where, error: why }), say("doctor.email.tlsFailedFix")));
    } else {
      const code = (err as { code?: unknown }).code;
      lines.push(line("email", "SMTP_URL", "fail", say("doctor.email.unreachable", { where, error: why }), say(code === "EAUTH" ? "doctor.email.authFix" : "doctor.email.unreachableFix")));
    }
  } finally {
    transport.close();
  }
  return lines;
}

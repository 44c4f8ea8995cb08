import { OysterError } from "../errors.ts";

// Node's TLS failures (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID,
// ERR_SSL_...) and nodemailer's own ETLS, which it moves to `originalCode` behind ESOCKET.
const TLS_CODE_RE = /CERT|SSL|TLS|SIGN|ISSUER/;

interface NodemailerError {
  code?: unknown;
  originalCode?: unknown;
  command?: unknown;
  response?: unknown;
  message?: unknown;
}

/**
 * For a relay that must do TLS before AUTH (`requireTLS`): turns nodemailer's failure into a
 * message that says no credentials were sent, why, and what to do. A server that refuses
 * STARTTLS does not do it at all (or someone in between stripped it); one whose handshake fails
 * has a certificate that is not trusted. Anything else: undefined, and the caller rethrows.
 */
export function tlsRefusal(err: unknown, where: string): OysterError | undefined {
  const e = (err ?? {}) as NodemailerError;
  const response = typeof e.response === "string" ? e.response : "";
  if (e.code === "ETLS" && e.command === "STARTTLS" && /^[45]\d\d/.test(response)) {
    return new OysterError(
      "CommandFailed",
      `SMTP server at ${where} does not offer STARTTLS; refusing to send credentials in clear; set email.allowInsecureAuth: true only for a relay on loopback`,
      { where },
      { cause: err },
    );
  }
  const codes = [e.code, e.originalCode].filter((c): c is string => typeof c === "string");
  if (codes.some((c) => c === "ETLS" || (c !== "ESOCKET" && TLS_CODE_RE.test(c)))) {
    const why = typeof e.message === "string" ? e.message : String(err);
    return new OysterError(
      "CommandFailed",
      `SMTP server at ${where}: TLS failed (${why}); refusing to send credentials in clear; trust its certificate's CA (NODE_EXTRA_CA_CERTS), or set email.allowInsecureAuth: true only for a relay on loopback`,
      { where },
      { cause: err },
    );
  }
  return undefined;
}

import { createHash, createPrivateKey, sign, type KeyObject } from "node:crypto";

/**
 * Oracle's request signature (draft-cavage-http-signatures-08, rsa-sha256), as Oracle's
 * "Request Signatures" page describes it. Pure: the date comes from `now`, nothing is sent.
 */
export interface SignRequestInput {
  method: string;
  url: string | URL;
  /** Headers the caller already has; `x-date` here is signed instead of `date`. */
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A parsed key, or PEM text (with `passphrase` when the PEM is encrypted). */
  key: KeyObject | string;
  passphrase?: string;
  /** `<tenancy OCID>/<user OCID>/<fingerprint>`: see `ociKeyId`. */
  keyId: string;
  now?: () => Date;
}

/** Lowercase header names to their values: what to send, `authorization` included. */
export type SignedHeaders = Record<string, string>;

// Oracle requires the body headers on these; the SDK adds PATCH too, and so do we.
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export function ociKeyId(parts: { tenancy: string; user: string; fingerprint: string }): string {
  return `${parts.tenancy}/${parts.user}/${parts.fingerprint}`;
}

export function signRequest(input: SignRequestInput): SignedHeaders {
  const url = typeof input.url === "string" ? new URL(input.url) : input.url;
  const method = input.method.toUpperCase();
  const headers: SignedHeaders = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;

  headers.host ??= url.host;
  // Oracle takes x-date over date when both are sent (browsers cannot set date).
  const dateHeader = headers["x-date"] !== undefined ? "x-date" : "date";
  headers[dateHeader] ??= (input.now ?? (() => new Date()))().toUTCString();

  // The order is ours to choose (it travels in headers="..."); this is the TypeScript SDK's.
  const signed = [dateHeader, "(request-target)", "host"];
  if (BODY_METHODS.has(method)) {
    const body = typeof input.body === "string" ? Buffer.from(input.body, "utf8") : (input.body ?? Buffer.alloc(0));
    headers["content-type"] ??= "application/json";
    headers["content-length"] = String(body.length);
    headers["x-content-sha256"] = createHash("sha256").update(body).digest("base64");
    signed.push("content-type", "content-length", "x-content-sha256");
  }

  const target = `${method.toLowerCase()} ${url.pathname}${url.search}`;
  const signingString = signed
    .map((name) => (name === "(request-target)" ? `${name}: ${target}` : `${name}: ${headers[name]}`))
    .join("\n");

  const key = typeof input.key === "string" ? createPrivateKey({ key: input.key, passphrase: input.passphrase }) : input.key;
  const signature = sign("sha256", Buffer.from(signingString, "utf8"), key).toString("base64");

  headers.authorization =
    `Signature version="1",keyId="${input.keyId}",algorithm="rsa-sha256",` +
    `headers="${signed.join(" ")}",signature="${signature}"`;
  return headers;
}

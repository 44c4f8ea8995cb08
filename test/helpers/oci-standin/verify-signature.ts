import { createHash, verify, type KeyObject } from "node:crypto";

/**
 * The Oracle side of request signing, written from Oracle's "Request Signatures" page and not
 * from src/oci: parse Authorization, rebuild the signing string from what was received, and
 * verify it with the PUBLIC key.
 */
export interface ReceivedRequest {
  method: string;
  /** Path and query as received, e.g. `/20160918/instances?compartmentId=x`. */
  target: string;
  /** As node:http gives them: lowercase names. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type Verdict = { ok: true; keyId: string; signed: string[] } | { ok: false; reason: string };

const SKEW_MS = 5 * 60 * 1000;

export function parseAuthorization(value: string): Record<string, string> | undefined {
  if (!value.startsWith("Signature ")) return undefined;
  const params: Record<string, string> = {};
  for (const m of value.slice("Signature ".length).matchAll(/([a-zA-Z]+)="([^"]*)"/g)) params[m[1]!] = m[2]!;
  return params;
}

export function verifyOciSignature(req: ReceivedRequest, publicKey: KeyObject, now: Date): Verdict {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(", ") : v;
  };
  const auth = parseAuthorization(header("authorization") ?? "");
  if (!auth) return { ok: false, reason: "no Signature authorization" };
  if (auth.version !== "1") return { ok: false, reason: "version is not 1" };
  if (auth.algorithm !== "rsa-sha256") return { ok: false, reason: "algorithm is not rsa-sha256" };
  if (!auth.keyId || auth.keyId.split("/").length !== 3) return { ok: false, reason: "keyId is not tenancy/user/fingerprint" };
  if (!auth.signature || !auth.headers) return { ok: false, reason: "no signature or headers" };

  const signed = auth.headers.split(" ").map((h) => h.toLowerCase());
  const dateName = header("x-date") !== undefined ? "x-date" : "date";
  const required = ["(request-target)", "host", dateName];
  if (["POST", "PUT"].includes(req.method.toUpperCase())) required.push("x-content-sha256", "content-type", "content-length");
  const unsigned = required.filter((h) => !signed.includes(h));
  if (unsigned.length > 0) return { ok: false, reason: `headers not signed: ${unsigned.join(" ")}` };

  const sent = Date.parse(header(dateName) ?? "");
  if (Number.isNaN(sent) || Math.abs(now.getTime() - sent) > SKEW_MS) return { ok: false, reason: `${dateName} more than 5 minutes off` };

  if (signed.includes("x-content-sha256")) {
    if (header("x-content-sha256") !== createHash("sha256").update(req.body).digest("base64")) {
      return { ok: false, reason: "x-content-sha256 does not match the body" };
    }
    if (header("content-length") !== String(req.body.length)) return { ok: false, reason: "content-length does not match the body" };
  }

  const lines: string[] = [];
  for (const name of signed) {
    if (name === "(request-target)") {
      lines.push(`(request-target): ${req.method.toLowerCase()} ${req.target}`);
      continue;
    }
    const value = header(name);
    if (value === undefined) return { ok: false, reason: `signed header ${name} not received` };
    lines.push(`${name}: ${value}`);
  }
  const good = verify("sha256", Buffer.from(lines.join("\n"), "utf8"), publicKey, Buffer.from(auth.signature, "base64"));
  return good ? { ok: true, keyId: auth.keyId, signed } : { ok: false, reason: "signature does not verify" };
}

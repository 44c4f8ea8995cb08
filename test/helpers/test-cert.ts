import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tmpDir } from "./tmp-dir.ts";

/**
 * A fresh self-signed certificate for 127.0.0.1 (made with the real openssl, as an operator's
 * private relay would have one). `cert` doubles as the trust anchor a client is given.
 */
export function selfSignedCert(): { key: string; cert: string } {
  const dir = tmpDir("oyster-cert-");
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
  ], { stdio: "ignore" });
  return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
}

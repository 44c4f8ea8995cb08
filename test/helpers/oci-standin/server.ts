import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { KeyObject } from "node:crypto";
import { readBody } from "../read-body.ts";
import { verifyOciSignature, type Verdict } from "./verify-signature.ts";

/** A loopback HTTP server that answers 200 to a request whose signature verifies, else 401. */
export interface OciStandin {
  url: string;
  verdicts: Verdict[];
  close(): Promise<void>;
}

export async function startOciStandin(publicKey: KeyObject, now: () => Date): Promise<OciStandin> {
  const verdicts: Verdict[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const verdict = verifyOciSignature(
        { method: req.method ?? "GET", target: req.url ?? "/", headers: req.headers, body },
        publicKey,
        now(),
      );
      verdicts.push(verdict);
      res.writeHead(verdict.ok ? 200 : 401, { "content-type": "application/json" });
      res.end(JSON.stringify(verdict.ok ? {} : { code: "NotAuthenticated", message: verdict.reason }));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    verdicts,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Sends exactly these headers (node:http lets host and content-length through as given). */
export function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

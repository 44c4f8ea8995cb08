// The stand-in's HTTP side: /api/<method> (Web API, subject to misbehaviours), /upload/<file id>
// (step 2 of files.uploadV2) and /response/<id> (response_url). Kept apart from the lifecycle so
// restart() can reuse the same handler on a new listen.
import type { IncomingMessage, ServerResponse } from "node:http";
import { decodeBody, tokenOf } from "./form-body.ts";
import type { MisbehaviourPlan } from "./misbehaviour.ts";
import type { ApiCall } from "./types.ts";
import type { WebApiState } from "./web-api.ts";
import { readBody } from "../read-body.ts";

export interface RouteDeps {
  calls: ApiCall[];
  responses: Array<{ id: string; body: Record<string, unknown> }>;
  /** response_url id → uses left (Slack allows 5 within 30 minutes); ids come from responseUrl(). */
  responseUses: Map<string, number>;
  plan: MisbehaviourPlan;
  state: WebApiState;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
}

async function webApi(deps: RouteDeps, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = (await readBody(req)).toString("utf8");
  let body: Record<string, unknown>;
  try {
    body = decodeBody(raw, req.headers["content-type"]);
  } catch {
    return json(res, 200, { ok: false, error: "invalid_json" });
  }
  const token = tokenOf(req.headers.authorization, body);
  deps.calls.push({ method, token, body, at: Date.now() });
  const m = deps.plan.take(method);
  switch (m?.kind) {
    case "hang":
      return; // never answered; close()/restart() destroy the connection
    case "http500":
      res.writeHead(500, { "content-type": "text/html" });
      return void res.end("<html><body>Internal Server Error</body></html>");
    case "rate-limited":
      return json(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(m.retryAfterSeconds ?? 1) });
    case "ok-false":
      return json(res, 200, { ok: false, error: m.error ?? "invalid_auth" });
    default:
      return json(res, 200, deps.state.answer(method, token, body));
  }
}

async function responseUrl(deps: RouteDeps, id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = (await readBody(req)).toString("utf8");
  const left = deps.responseUses.get(id);
  if (left === undefined) return text(res, 404, "no_such_url");
  if (left <= 0) return text(res, 404, "used_url");
  deps.responseUses.set(id, left - 1);
  let body: Record<string, unknown>;
  try {
    body = decodeBody(raw, req.headers["content-type"] ?? "application/json");
  } catch {
    return text(res, 400, "invalid_payload");
  }
  deps.responses.push({ id, body });
  json(res, 200, { ok: true });
}

// web-api posts the file as multipart/form-data (one part); Slack also takes raw bytes. Keep the file.
async function fileContent(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith("multipart/form-data")) return raw;
  const form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData();
  const parts: Buffer[] = [];
  for (const [, value] of form) parts.push(typeof value === "string" ? Buffer.from(value) : Buffer.from(await value.arrayBuffer()));
  return Buffer.concat(parts);
}

async function upload(deps: RouteDeps, fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const content = await fileContent(await readBody(req), req.headers["content-type"]);
  if (!deps.state.receiveUpload(fileId, content)) return text(res, 404, "file_not_found");
  text(res, 200, `OK - ${content.length}`);
}

export function createRouter(deps: RouteDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    const [, area, name] = /^\/([a-z]+)\/([^/]+)$/.exec(path) ?? [];
    let work: Promise<void> | undefined;
    if (req.method === "POST" && area !== undefined && name !== undefined) {
      const id = decodeURIComponent(name);
      if (area === "api") work = webApi(deps, id, req, res);
      else if (area === "response") work = responseUrl(deps, id, req, res);
      else if (area === "upload") work = upload(deps, id, req, res);
    }
    if (work === undefined) return text(res, 404, "unknown route");
    // A client that hangs up mid-request is normal here (timeouts, restart()); never crash the test.
    work.catch(() => res.destroy());
  };
}

import type { RecordedRequest, ScriptedReply } from "./types.ts";

/** The key a request carries: Anthropic's `x-api-key`, everyone else's `Authorization: Bearer`. */
export function presentedKey(req: RecordedRequest): string | undefined {
  const apiKey = req.headers["x-api-key"];
  if (typeof apiKey === "string") return apiKey;
  const auth = req.headers.authorization;
  return typeof auth === "string" && auth.startsWith("Bearer ") ? auth.slice(7) : undefined;
}

/** Each provider's own answer to a key it does not accept. */
export function rejection(req: RecordedRequest): ScriptedReply {
  if (req.path.startsWith("/v1/messages") || req.path.startsWith("/v1/organizations/")) {
    return { status: 401, body: { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } } };
  }
  if (req.path.startsWith("/api/monitor/")) return { status: 401, body: { code: 1001, msg: "Authorization Token Missing or invalid", success: false } };
  if (req.path.includes("/remains")) return { status: 401, body: { base_resp: { status_code: 1004, status_msg: "login fail: Please carry the API secret key" } } };
  return { status: 401, body: { error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } } };
}

// Decodes a Web API request body the way Slack reads it. @slack/web-api sends
// application/x-www-form-urlencoded and JSON-stringifies every non-primitive argument (blocks,
// attachments, files, …), so such fields are parsed back to make assertions natural.

// Free-text fields stay strings even when they happen to look like JSON ("[1,2]" as a message).
const TEXT_FIELDS = new Set(["text", "initial_comment", "title", "alt_text", "filename", "content", "markdown_text", "channel", "channel_id", "ts", "thread_ts", "user", "token"]);

function looksLikeJson(value: string): boolean {
  const first = value.trimStart()[0];
  return first === "[" || first === "{";
}

function decodeField(key: string, value: string): unknown {
  if (TEXT_FIELDS.has(key) || !looksLikeJson(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value; // not JSON after all: keep what was sent
  }
}

export function decodeBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType?.includes("application/json")) {
    // Some callers (and Slack's own JSON mode) post JSON; accept it as-is.
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) body[key] = decodeField(key, value);
  return body;
}

/** The token of a call: web-api puts it in the Authorization header; older clients in the form. */
export function tokenOf(authorization: string | undefined, body: Record<string, unknown>): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? "");
  if (match) return match[1];
  return typeof body.token === "string" ? body.token : undefined;
}

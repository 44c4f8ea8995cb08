// Slack's request signing for HTTP mode: v0= + hex HMAC-SHA256(secret, "v0:{ts}:{raw body}").
// Tests sign with this to reach a Bolt HTTP receiver exactly as Slack would.
import { createHmac } from "node:crypto";

export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number,
): { "x-slack-signature": string; "x-slack-request-timestamp": string } {
  const timestamp = String(Math.floor(timestampSeconds));
  const digest = createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex");
  return { "x-slack-signature": `v0=${digest}`, "x-slack-request-timestamp": timestamp };
}

import { fetchBody, type FetchedReply } from "../../http/fetch-body.ts";
import { failed, type Reading } from "./reading.ts";
import type { CheckContext } from "./provider.ts";

export type HttpReply = FetchedReply;

export type HttpOutcome = { reply: HttpReply } | { failure: Reading };

/**
 * One request under the account's deadline, body read included. Never throws: a timeout or a
 * network failure comes back as the account's error reading, so one account cannot sink the rest.
 * Every request carries the account's key (`authorization`, `x-api-key`), which fetch would send
 * on to any host a redirect names: a redirect is an error reading instead, never followed.
 */
export async function request(ctx: CheckContext, path: string, init: RequestInit = {}): Promise<HttpOutcome> {
  const r = await fetchBody(ctx.fetch, `${ctx.baseUrl}${path}`, { ...init, redirect: "manual", signal: ctx.signal });
  if (r.ok) return { reply: r.reply };
  return { failure: r.timedOut ? failed("timeout", `no answer within ${ctx.timeoutMs} ms`) : failed("http", r.detail) };
}

/** 401 and 403 mean the same to every provider: the key is not accepted. */
export function keyRejected(reply: HttpReply): Reading | null {
  return reply.status === 401 || reply.status === 403 ? failed("key_rejected", "key rejected", reply.text) : null;
}

/** Any other HTTP failure, with the provider's message when the body has one. */
export function httpFailure(reply: HttpReply, message?: string | null): Reading {
  return failed("http", `HTTP ${reply.status}${message ? `: ${message}` : ""}`, reply.text);
}

/**
 * A body whose shape the adapter does not know: an error, raw kept for whoever looks later. A body
 * that is not JSON at all (cut off, an HTML error page) says so: that is a different problem
 * (a proxy, a truncated reply) from a provider that changed its JSON.
 */
export function unrecognised(reply: HttpReply): Reading {
  const notJson = reply.json === undefined && reply.text.trim() !== "";
  return failed("unrecognised", notJson ? `unrecognised response: not JSON (HTTP ${reply.status}, ${reply.text.length} characters)` : "unrecognised response", reply.text);
}

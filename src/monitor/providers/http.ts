import { failed, type Reading } from "./reading.ts";
import type { CheckContext } from "./provider.ts";

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
}

export type HttpOutcome = { reply: HttpReply } | { failure: Reading };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function networkDetail(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return `network error: ${cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err))}`;
}

/**
 * One request under the account's deadline, body read included. Never throws: a timeout or a
 * network failure comes back as the account's error reading, so one account cannot sink the rest.
 */
export async function request(ctx: CheckContext, path: string, init: RequestInit = {}): Promise<HttpOutcome> {
  try {
    const res = await ctx.fetch(`${ctx.baseUrl}${path}`, { ...init, signal: ctx.signal });
    const text = await res.text();
    return { reply: { status: res.status, headers: res.headers, text, json: parseJson(text) } };
  } catch (err) {
    if (ctx.signal.aborted) return { failure: failed("timeout", `no answer within ${ctx.timeoutMs} ms`) };
    return { failure: failed("http", networkDetail(err)) };
  }
}

/** 401 and 403 mean the same to every provider: the key is not accepted. */
export function keyRejected(reply: HttpReply): Reading | null {
  return reply.status === 401 || reply.status === 403 ? failed("key_rejected", "key rejected", reply.text) : null;
}

/** Any other HTTP failure, with the provider's message when the body has one. */
export function httpFailure(reply: HttpReply, message?: string | null): Reading {
  return failed("http", `HTTP ${reply.status}${message ? `: ${message}` : ""}`, reply.text);
}

/** A body whose shape the adapter does not know: an error, raw kept for whoever looks later. */
export function unrecognised(reply: HttpReply): Reading {
  return failed("unrecognised", "unrecognised response", reply.text);
}

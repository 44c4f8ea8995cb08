/** One scripted answer: a status, headers and a body (objects are sent as JSON), or no answer at all. */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Accept the request and never answer (the socket stays open until the stand-in closes). */
  hang?: boolean;
}

/** A request as the stand-in received it, for tests to assert on (auth headers, model, query). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A route's answer: fixed, or computed from the request. */
export type Responder = ScriptedReply | ((req: RecordedRequest) => ScriptedReply);

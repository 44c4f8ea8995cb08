import { HTTPReceiver, type AnyMiddlewareArgs, type Logger as BoltLogger, type Middleware } from "@slack/bolt";
import type { Logger } from "../log.ts";
import { SeenSignatures } from "./seen-signatures.ts";

// A context key of our own (Bolt refuses custom properties named like its built-in ones).
const REPLAY = "oysterReplayedRequestTs";

/**
 * HTTP mode's receiver: Bolt's, which checks the signature and refuses a timestamp more than
 * 5 minutes off, plus a memory of the signatures it accepted, so that a captured request sent
 * again within those 5 minutes is not run twice.
 *
 * The memory is written in `customPropertiesExtractor`, which Bolt calls only after the signature
 * and the timestamp passed: only genuine requests are remembered, so a forged header can never make
 * a real request look like a replay, and the check-and-record is synchronous, so two copies
 * arriving together cannot both count as the first.
 */
export function slackHttpReceiver(signingSecret: string, logger: BoltLogger, seen = new SeenSignatures()): HTTPReceiver {
  return new HTTPReceiver({
    signingSecret,
    logger,
    customPropertiesExtractor: (req) => {
      const signature = req.headers["x-slack-signature"];
      const ts = Number(req.headers["x-slack-request-timestamp"]);
      if (typeof signature !== "string") return {};
      return seen.firstSight(signature, ts) ? {} : { [REPLAY]: ts };
    },
  });
}

/**
 * Global middleware: a replay is acked and dropped before any listener sees it. It is answered
 * 200 with an empty body rather than 401 because by the time Bolt knows the request is a copy it
 * has already verified it (the receiver has no hook to answer earlier), and an empty 200 runs
 * nothing, reveals nothing, and would stop Slack from sending the same request yet again.
 */
export function refuseReplays(log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const ts = args.context[REPLAY] as number | undefined;
    if (ts === undefined) {
      await args.next();
      return;
    }
    const body = args.body as { user_id?: string; user?: { id?: string }; command?: string; type?: string };
    log.warn({ requestTimestamp: ts, user: body.user_id ?? body.user?.id, kind: body.command ?? body.type }, "slack request replayed within 5 minutes: refused");
    if ("ack" in args && typeof args.ack === "function") await (args.ack as () => Promise<void>)();
  };
}

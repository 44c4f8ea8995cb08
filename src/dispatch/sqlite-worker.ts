// The SQLite worker thread (compiled to dist/, started by sqlite-worker-client.ts): heavy copies,
// checks and hashes run here, so the bot's event loop (Slack acks, the guardian, delivery) keeps
// turning while a gigabyte is copied. Message-driven: each request gets exactly one reply.
import { parentPort } from "node:worker_threads";
import { sqliteHandlers } from "./sqlite-ops.ts";
import { errorToWire, type SqliteOp, type SqliteReply, type SqliteRequest } from "./sqlite-worker-protocol.ts";

if (!parentPort) throw new Error("sqlite-worker runs as a worker thread (see sqlite-worker-client.ts), not on its own");
const port = parentPort;

port.on("message", (req: SqliteRequest) => {
  void handle(req).then((reply) => port.postMessage(reply));
});

async function handle(req: SqliteRequest): Promise<SqliteReply> {
  try {
    const handler = sqliteHandlers[req.op] as (args: unknown) => Promise<unknown>;
    if (!handler) throw new Error(`unknown sqlite-worker op ${String(req.op satisfies SqliteOp)}`);
    return { id: req.id, ok: true, result: await handler(req.args) };
  } catch (err) {
    return { id: req.id, ok: false, error: errorToWire(err) };
  }
}

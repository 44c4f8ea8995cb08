import type { RunningRow } from "../../../../src/dispatch/stuck-inputs.ts";
import { toOysterError } from "../../../../src/errors.ts";
import { oneLine } from "../../../../src/render/one-line.ts";
import { scrub } from "../../../../src/secrets/index.ts";
import { shellQuote } from "../../../../src/ssh/quote.ts";
import type { CheckContext } from "../types.ts";
import { taskKey, type LogReading } from "./judge.ts";
import { TASK_LOG_PY } from "./task-log-py.ts";

/** How much of a last log line an alert quotes. */
export const LAST_LINE_CHARS = 160;

type Remote = { kind: "read"; mtime: number; size: number; last: string } | { kind: "missing" } | { kind: "refused"; why: string };

/** Untrusted node output as one short line: secrets out first (a cut must not leave half of one), then control characters. */
export const cleanLine = (text: string, secrets: readonly string[], max = LAST_LINE_CHARS) => oneLine(scrub(text, secrets), max);

/**
 * The task.log of every running task, one round trip per node that has any (never one per task),
 * all nodes in parallel within ssh.concurrency. A node this run found unreachable, or that
 * dispatch holds offline when this run did not probe it, is not dialled: its logs are "unknown".
 */
export async function readTaskLogs(ctx: CheckContext, running: readonly RunningRow[], offline: ReadonlySet<string>): Promise<Map<string, LogReading>> {
  const out = new Map<string, LogReading>();
  const byNode = new Map<string, RunningRow[]>();
  const known = new Set(ctx.ssh.nodeNames);
  for (const t of running) {
    if (t.node === null) continue;
    if (!known.has(t.node)) {
      out.set(taskKey(t), { kind: "unknown", why: `${t.node} is not in nodes.json` });
      continue;
    }
    byNode.set(t.node, [...(byNode.get(t.node) ?? []), t]);
  }
  const dial = [...byNode.keys()].filter((node) => {
    const r = ctx.reach.get(node);
    const skip = r ? (r.state !== "up" ? "node unreachable this run" : undefined) : offline.has(node) ? "node offline in dispatch.db" : undefined;
    for (const t of skip ? byNode.get(node)! : []) out.set(taskKey(t), { kind: "unknown", why: skip! });
    return !skip;
  });
  const outcomes = await ctx.ssh.forEach(dial, (target) => readOn(ctx, target.name, target.dispatchDir, byNode.get(target.name)!));
  for (const o of outcomes) {
    const tasks = byNode.get(o.node)!;
    if (o.ok) for (const [k, v] of o.value) out.set(k, v);
    else for (const t of tasks) out.set(taskKey(t), { kind: "unknown", why: cleanLine(toOysterError(o.error).message, ctx.secrets, 200) });
  }
  return out;
}

async function readOn(ctx: CheckContext, node: string, dispatchDir: string, tasks: readonly RunningRow[]): Promise<Map<string, LogReading>> {
  const request = JSON.stringify({ root: dispatchDir, tasks: tasks.map((t) => [t.project, String(t.id)]) });
  const r = await ctx.ssh.exec(node, `python3 -c ${shellQuote(TASK_LOG_PY)}`, { stdin: request, timeoutMs: ctx.config.oyster.ssh.commandTimeoutMs, maxOutputBytes: 1024 * 1024 });
  let doc: { now?: unknown; tasks?: Record<string, Remote> } | undefined;
  try {
    doc = JSON.parse(r.stdout) as typeof doc;
  } catch {
    doc = undefined;
  }
  if (r.code !== 0 || typeof doc?.now !== "number" || typeof doc.tasks !== "object" || doc.tasks === null) {
    const said = (r.stderr || r.stdout).trim().split("\n").slice(-2).join(" | ");
    throw new Error(`the reader exited ${r.code ?? r.signal ?? "?"}: ${said || "no output"}`);
  }
  const nodeNow = doc.now;
  const out = new Map<string, LogReading>();
  for (const t of tasks) {
    const got = doc.tasks[taskKey(t)];
    if (!got) out.set(taskKey(t), { kind: "unknown", why: "the reader said nothing about it" });
    else if (got.kind === "read") out.set(taskKey(t), { kind: "read", silentMinutes: Math.max(0, (nodeNow - got.mtime) / 60), size: got.size, lastLine: cleanLine(got.last, ctx.secrets) });
    else if (got.kind === "missing") out.set(taskKey(t), { kind: "missing" });
    else out.set(taskKey(t), { kind: "unknown", why: cleanLine(`refused: ${got.why}`, ctx.secrets, 200) });
  }
  return out;
}

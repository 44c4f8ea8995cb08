// Agent files as Codex CLI and Oyster's Claude hook leave them on a node, written into a rig
// node's own dir (the rig's nodes share one login user, so each node's agent dir is
// `<rig>/{node}/<agent>`, the way `dir` with `{node}` serves nodes that share a home).
import { chownSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { RigNode } from "./rig/index.ts";

/** Writes `rel` under the node's dir, every new folder and the file owned by the node user. */
export function putAgentFile(node: RigNode, rel: string, content: string): string {
  const path = join(node.dir, rel);
  const owner = statSync(node.dispatchDir);
  let d = dirname(path);
  const made: string[] = [];
  while (!exists(d)) {
    made.unshift(d);
    d = dirname(d);
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  writeFileSync(path, content, { mode: 0o644 });
  if (process.getuid?.() === 0) for (const p of [...made, path]) chownSync(p, owner.uid, owner.gid);
  return path;
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

const sec = (ms: number) => Math.floor(ms / 1000);

/** A `token_count` line as Codex CLI writes it into its rollout, windows given by minutes. */
export function tokenCountLine(o: {
  at: Date;
  windows: Array<{ usedPct: number; minutes: number; resetsAt: Date } | null>;
  limitId?: string | null;
  plan?: string | null;
}): string {
  const slot = (w: { usedPct: number; minutes: number; resetsAt: Date } | null | undefined) =>
    w ? { used_percent: w.usedPct, window_minutes: w.minutes, resets_at: sec(w.resetsAt.getTime()) } : null;
  return JSON.stringify({
    timestamp: o.at.toISOString(),
    type: "event_msg",
    payload: {
      type: "token_count",
      info: { total_token_usage: { input_tokens: 1200, output_tokens: 80, total_tokens: 1280 }, model_context_window: 258400 },
      rate_limits: {
        ...(o.limitId === undefined ? { limit_id: "codex" } : o.limitId === null ? {} : { limit_id: o.limitId }),
        limit_name: null,
        primary: slot(o.windows[0]),
        secondary: slot(o.windows[1]),
        credits: null,
        plan_type: o.plan === undefined ? "plus" : o.plan,
        rate_limit_reached_type: null,
      },
    },
  });
}

/** Codex's rollout path for a session started at `day`: sessions/YYYY/MM/DD/rollout-<stamp>-<id>.jsonl. */
export function rolloutPath(day: Date, id: string): string {
  const [y, m, d] = day.toISOString().slice(0, 10).split("-");
  return `codex/sessions/${y}/${m}/${d}/rollout-${day.toISOString().slice(0, 19).replaceAll(":", "-")}-${id}.jsonl`;
}

/** The feed Oyster's Claude status-line hook writes. */
export function claudeFeed(at: Date, limits: Record<string, { used_percentage: number; resets_at: number }> | null): string {
  return JSON.stringify({ version: 1, written_at: at.toISOString(), rate_limits: limits });
}

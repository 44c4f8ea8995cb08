import { OysterError } from "../errors.ts";
import type { SshPool } from "../ssh/index.ts";
import { shellQuote } from "../ssh/quote.ts";
import { APPLY_PY, type AppliedDir } from "./apply-py.ts";
import { HOOK_MODE } from "./claude-statusline-hook-py.ts";
import { decideDir, needsWork, savedText } from "./decide.ts";
import { PROBE_PY, type ProbedDir } from "./probe-py.ts";
import type { DirReport, NodeHooks } from "./types.ts";

type Ssh = Pick<SshPool, "exec">;

/** One agent dir on a node and the accounts whose feed it holds. */
export interface DirTarget {
  dir: string;
  accounts: string[];
}

/** Room for a few settings.json files at their cap, as JSON strings. */
const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/**
 * A fixed python program run with the request on stdin (`python3 -c`): no value of the config or
 * of a node's files is ever part of a command line, and the request needs no quoting at all.
 */
async function runPy<T extends { dirs: unknown[] }>(ssh: Ssh, node: string, program: string, request: unknown, what: string, count: number): Promise<T> {
  const r = await ssh.exec(node, `python3 -c ${shellQuote(program)}`, { stdin: JSON.stringify(request), maxOutputBytes: MAX_OUTPUT_BYTES });
  let doc: T | undefined;
  try {
    doc = JSON.parse(r.stdout) as T;
  } catch {
    doc = undefined;
  }
  if (r.code !== 0 || !Array.isArray(doc?.dirs) || doc.dirs.length !== count) {
    const said = (r.stderr || r.stdout).trim().split("\n").slice(-3).join(" | ") || `exit ${r.code ?? r.signal}`;
    throw new OysterError("CommandFailed", `${node}: cannot ${what}: ${said}`, { node });
  }
  return doc;
}

/**
 * One node: one probe round trip reads every agent dir, the decision is made here, and (unless
 * dry) one more round trip writes only what differs. A node with a dir that is refused (no such
 * dir, settings.json not JSON) is changed nowhere: the operator fixes it and runs again.
 * Throws only when a round trip itself fails.
 */
export async function installHooksOn(ssh: Ssh, node: string, targets: readonly DirTarget[], hookText: string, dryRun: boolean): Promise<NodeHooks> {
  const probe = await runPy<{ dirs: ProbedDir[] }>(ssh, node, PROBE_PY, { dirs: targets.map((t) => t.dir) }, "read the agent dirs", targets.length);
  const dirs: DirReport[] = targets.map((t, i) => ({ ...decideDir(probe.dirs[i]!, t.accounts, hookText), done: [] }));
  const refused = dirs.filter((d) => d.error !== undefined);
  if (refused.length > 0) return { node, status: "failed", dirs, error: { code: "CommandFailed", message: refused.map((d) => d.error).join("; ") } };
  const work = dirs.filter(needsWork);
  if (work.length === 0) return { node, status: "unchanged", dirs };
  if (dryRun) return { node, status: "would-change", dirs };

  const request = {
    dirs: work.map((d) => ({
      path: d.path,
      hook: d.hook === "same" ? null : hookText,
      hookMode: HOOK_MODE,
      saved: d.savePrevious ? savedText(d.savePrevious.previous) : null,
      statusLine: d.statusLine.change ? d.statusLine.after : null,
      settingsSha: d.settingsSha,
    })),
  };
  const applied = await runPy<{ dirs: AppliedDir[] }>(ssh, node, APPLY_PY, request, "write the hook", work.length);
  const failed: string[] = [];
  work.forEach((d, i) => {
    const a = applied.dirs[i]!;
    d.applied = true;
    d.done = a.done;
    if (a.error === undefined) return;
    d.writeError = a.error;
    failed.push(`${d.path}: ${a.error}${a.done.length ? ` (written before that: ${a.done.join(", ")})` : ""}`);
  });
  if (failed.length > 0) return { node, status: "failed", dirs, error: { code: "CommandFailed", message: failed.join("; ") } };
  return { node, status: "changed", dirs };
}

import type { DispatchTarget, RestartData, RestartStep } from "./types.ts";

/** Lines shown per stream in text; the JSON keeps the whole (byte-capped) output. */
export const SHOWN_LINES = 20;

function lastLines(text: string): string[] {
  const lines = text.replace(/\n$/, "").split("\n");
  if (lines.length <= SHOWN_LINES) return lines;
  return [`... (${lines.length - SHOWN_LINES} earlier lines; see --json)`, ...lines.slice(-SHOWN_LINES)];
}

export function exitText(s: RestartStep): string {
  if (s.timedOut) return "timed out";
  return s.code === null ? "did not finish" : `exit ${s.code}`;
}

export function outputs(s: RestartStep): string[] {
  const lines: string[] = [];
  for (const [name, text] of [["stdout", s.stdout], ["stderr", s.stderr]] as const) {
    if (text.trim() === "") continue;
    lines.push(`  ${name}:`, ...lastLines(text).map((l) => `    ${l}`));
  }
  return lines;
}

function dispatchText(target: DispatchTarget, data: RestartData): string {
  const head = `restart dispatch ${target.project} in ${target.dir}: ${data.ok ? "ok" : "FAILED"}`;
  const lines = [head];
  data.steps.forEach((s, i) => {
    lines.push(`${i === 0 ? "stop" : "start"}: ${s.command} -> ${exitText(s)} (${Math.round(s.durationMs)} ms)`, ...outputs(s));
    if (s.stdout.trim() === "" && s.stderr.trim() === "") lines.push("  (no output)");
  });
  if (data.steps.length === 1) lines.push("start: not run (the stop timed out; dispatch may still be running)");
  return lines.join("\n");
}

/** Units: before -> after, and the restart's own output when it failed. Dispatch: both outputs. */
export function formatRestart(data: RestartData): string {
  const target = data.target;
  if (target.kind === "guardian") return `restart guardian: ${data.ok ? "ok" : "FAILED"}: ${data.answer ?? ""}`;
  if (target.kind === "dispatch") return dispatchText(target, data);
  const { unit, node } = target;
  const head = `restart ${unit} on ${node}: ${data.ok ? "ok" : "FAILED"} (${data.before ?? "unknown"} -> ${data.after ?? "unknown"})`;
  // Steps are is-active, restart, is-active (see restart-unit.ts).
  const restart = data.steps[1];
  if (data.ok || !restart) return head;
  return [head, `${restart.command} -> ${exitText(restart)}`, ...outputs(restart)].join("\n");
}

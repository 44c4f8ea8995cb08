/**
 * What a long operation is doing, for a person watching: one live line on a terminal, the
 * "working on ..." reply in Slack updated in place, nothing anywhere else (pipes, --json, jobs).
 * The operations (src/sync, src/units, src/backup, src/restart/roll.ts) take one as an optional
 * dependency and report through it; how it is shown is the reporter's business.
 */

/** Which long operation is under way: the reporter words it in the reader's language. */
export type ProgressTask = "sync" | "syncCompare" | "install" | "installCompare" | "backup" | "restart";

/** The steps of a backup, as `step`'s `active` for the "backup" task. */
export type BackupPhase = "copy" | "retention";

export interface Progress {
  /** A task begins: `total` nodes (or steps, for a backup). A second start replaces the first. */
  start(total: number, task: ProgressTask): void;
  /**
   * `done` of the total have settled; `active` is what is under way now: node names (config
   * validated) or, for a backup, its phase. The reporter throttles: call it as often as things move.
   */
  step(done: number, active?: readonly string[]): void;
  /** The task is over: a terminal's line is cleared, so what is printed next starts on a clean line. */
  end(): void;
}

/** Reports nothing: the default wherever nobody is watching. */
export const NO_PROGRESS: Progress = { start() {}, step() {}, end() {} };

/** A progress's state, as the reporters format it. */
export interface ProgressState {
  task: ProgressTask;
  total: number;
  done: number;
  active: readonly string[];
  elapsedMs: number;
}

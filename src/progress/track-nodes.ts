import { NO_PROGRESS, type Progress, type ProgressTask } from "./progress.ts";

export interface NodeTracker {
  /** Runs one node's work, reporting it under way, then settled (whether it succeeded or threw). */
  run<T>(node: string, work: () => Promise<T>): Promise<T>;
  end(): void;
}

/**
 * Progress over nodes worked on in parallel: `done` counts the settled ones, `active` names
 * those under way, oldest first (so the straggler a person waits for is named first).
 */
export function trackNodes(progress: Progress, task: ProgressTask, total: number): NodeTracker {
  const running = new Set<string>();
  let done = 0;
  // No nodes (an empty fleet): nothing to show, not a line saying 0/0.
  if (total === 0) progress = NO_PROGRESS;
  progress.start(total, task);
  return {
    async run(node, work) {
      running.add(node);
      progress.step(done, [...running]);
      try {
        return await work();
      } finally {
        running.delete(node);
        done += 1;
        progress.step(done, [...running]);
      }
    },
    end: () => progress.end(),
  };
}

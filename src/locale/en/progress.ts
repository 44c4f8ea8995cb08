/** English: progress messages. Keys are "progress.<what>"; `{name}` is a placeholder. */
export const progress = {
  "progress.task.sync": "sync",
  "progress.task.syncCompare": "sync (comparing)",
  "progress.task.install": "install-daemon",
  "progress.task.installCompare": "install-daemon (comparing)",
  "progress.task.backup": "backup",
  "progress.task.restart": "restart",
  "progress.nodes": "{task}: {done}/{total} nodes done",
  "progress.steps": "{task}: step {step} of {total}",
  "progress.elapsed": "{seconds} s",
  "progress.line": "{progress} ({elapsed})",
  "progress.lineActive": "{progress} ({elapsed}); {active}",
  "progress.working": "working on {nodes}",
  "progress.more": "+{count} more",
  "progress.phase.copy": "copying and verifying dispatch.db",
  "progress.phase.retention": "applying snapshot retention",
  "progress.slack.working": "working on `{command}`...",
} as const satisfies Record<string, string>;

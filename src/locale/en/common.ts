/** English: words many messages share. Keys are "common.<what>"; `{name}` is a placeholder. */
export const common = {
  "common.node": "node",
  "common.nodes": "nodes",
  "common.passed": "passed",
  "common.failed": "FAILED",
  "common.fixed": "fixed",
  "common.skipped": "skipped",
} as const satisfies Record<string, string>;

export { syncFleet, selectNodes, type SyncDeps, type SyncOptions } from "./sync-fleet.ts";
export { summarizeSync, describeNode, totalsOf } from "./summary.ts";
export type { NodeSync, NodeSyncStatus, SyncReport, SyncTotals, LocalFile, UnitRestart } from "./types.ts";
export { unitRestarter, unitsFor, type RestartOne } from "./restart-changed.ts";

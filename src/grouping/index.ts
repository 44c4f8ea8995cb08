/**
 * Results grouped for people to read: a failure once with every node it hit, passes counted,
 * long node lists cut for Slack. Pure functions, no I/O; `check` uses them, and so can alerts
 * and the report wherever they name many nodes.
 *
 * - `groupResults(results, { countOnly?, statusOrder? })`: anything with `{check, node, status,
 *   detail}` (node null = fleet-wide) into groups of the same check, status and detail; statuses
 *   in `countOnly` (default passed) group without their detail.
 * - `mergeAcrossChecks(groups)`: groups with the same status, detail and nodes as one, with `checks`.
 * - `nodeList(names, { max?, more? })`: "node-1, node-2, ... and 14 more" (every name without `max`).
 * - `wrapLine(line, width, indent?)`: a line broken at spaces to a terminal's width (CJK-aware).
 */
export { DEFAULT_COUNT_ONLY, DEFAULT_STATUS_ORDER, groupResults, mergeAcrossChecks, type Groupable, type GroupOptions, type MergedGroup, type ResultGroup } from "./group-results.ts";
export { andMore, nodeList, wrapLine, type NodeListOptions } from "./node-list.ts";

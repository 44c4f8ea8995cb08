import type { types } from "@slack/bolt";

/**
 * Our blocks are plain objects (the report and the alert messages build them as data, and tests
 * check them against Slack's limits); web-api's types are meant for literals, so they are handed
 * over here, in one place.
 */
export function webBlocks(blocks: readonly unknown[]): types.KnownBlock[] {
  return blocks as types.KnownBlock[];
}

import { nodeList } from "../grouping/node-list.ts";
import { escapeMrkdwn } from "../slack/render/mrkdwn.ts";

/**
 * Node names for mrkdwn: escaped, joined as `check` joins them (src/grouping/node-list.ts), cut
 * after `max` names with "and N more" in the Home's language. A fleet of fifty stays one short line.
 */
export function nameList(names: readonly string[], max: number, more: (count: number) => string): string {
  return nodeList(names.map(escapeMrkdwn), { max, more: (rest) => ` ${more(rest)}` });
}

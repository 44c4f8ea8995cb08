// The 9 am report: gathered once into plain data (buildReport), laid out once (view/), rendered
// for a terminal or plain-text email, an HTML email, and Slack.
export { buildReport, type ReportDeps } from "./build-report.ts";
export { composeMessage } from "./compose-message.ts";
export { liveReachability } from "./live-reachability.ts";
export { renderBlocks, type Block } from "./render/blocks.ts";
export { renderHtml } from "./render/html.ts";
export { renderText } from "./render/text.ts";
export type * from "./types.ts";

import { parseClaudeFeed } from "./claude-feed.ts";
import { parseClaudeOauth } from "./claude-oauth.ts";
import { parseCodexAppServer } from "./codex-app-server.ts";
import { parseCodexRollout } from "./codex-rollout.ts";
import type { ParseContext, Parsed } from "./parsed.ts";

export type { ParseContext, Parsed } from "./parsed.ts";

/** `provider:source` -> what turns the node's answer into windows. */
export const AGENT_PARSERS: Record<string, (data: unknown, ctx: ParseContext) => Parsed> = {
  "codex:sessions": parseCodexRollout,
  "codex:app-server": parseCodexAppServer,
  "claude:statusline": parseClaudeFeed,
  "claude:oauth": parseClaudeOauth,
};

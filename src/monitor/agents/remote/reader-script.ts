import { CLAUDE_OAUTH_PY } from "./claude-oauth-py.ts";
import { CLAUDE_STATUSLINE_PY } from "./claude-statusline-py.ts";
import { CODEX_APP_SERVER_PY } from "./codex-app-server-py.ts";
import { CODEX_SESSIONS_PY } from "./codex-sessions-py.ts";
import { HEADER_PY, MAIN_PY } from "./common-py.ts";

/** `provider:source` -> the python function that reads it. */
const SOURCES_PY = String.raw`
SOURCES = {
    "codex:sessions": read_codex_sessions,
    "codex:app-server": read_codex_app_server,
    "claude:statusline": read_claude_statusline,
    "claude:oauth": read_claude_oauth,
}
`;

/** The whole node-side reader: fixed text, the same for every node and every run. */
export const READER_PY = [HEADER_PY, CODEX_SESSIONS_PY, CODEX_APP_SERVER_PY, CLAUDE_STATUSLINE_PY, CLAUDE_OAUTH_PY, SOURCES_PY, MAIN_PY].join("\n");

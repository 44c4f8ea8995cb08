// views.publish as Slack answers it for Home tabs: the view is validated (type "home", a blocks
// array of at most 100, section text at most 3000 characters, header text at most 150, 250 kB in
// all), stored per user, and echoed back as Slack's view object with an id and a hash.
import type { StoredHomeView, Workspace } from "./types.ts";

type Answer = Record<string, unknown>;

const HOME_BLOCKS_MAX = 100;
const SECTION_TEXT_MAX = 3000;
const HEADER_TEXT_MAX = 150;
const VIEW_BYTES_MAX = 250 * 1024;

// Slack's shape for a Block Kit problem: invalid_arguments with the JSON pointer of each error.
const invalid = (messages: string[]): Answer => ({ ok: false, error: "invalid_arguments", response_metadata: { messages } });

function blockProblems(blocks: unknown[]): string[] {
  const problems: string[] = [];
  if (blocks.length > HOME_BLOCKS_MAX) problems.push(`[ERROR] no more than ${HOME_BLOCKS_MAX} items allowed [json-pointer:/view/blocks]`);
  blocks.forEach((b, i) => {
    const block = b as { type?: unknown; text?: { text?: unknown } };
    if (typeof block !== "object" || block === null || typeof block.type !== "string") {
      problems.push(`[ERROR] missing required field: type [json-pointer:/view/blocks/${i}]`);
      return;
    }
    const text = typeof block.text?.text === "string" ? block.text.text : undefined;
    if (block.type === "section" && text !== undefined && text.length > SECTION_TEXT_MAX) problems.push(`[ERROR] must be less than ${SECTION_TEXT_MAX + 1} characters [json-pointer:/view/blocks/${i}/text/text]`);
    if (block.type === "header" && (text === undefined || text.length > HEADER_TEXT_MAX)) problems.push(`[ERROR] must be less than ${HEADER_TEXT_MAX + 1} characters [json-pointer:/view/blocks/${i}/text/text]`);
  });
  return problems;
}

export class HomeViews {
  /** Per user: the Home as it stands and how many publishes made it. */
  readonly byUser = new Map<string, StoredHomeView>();
  private seq = 0;

  constructor(private readonly ws: Workspace) {}

  reset(): void {
    this.byUser.clear();
  }

  publish(body: Record<string, unknown>): Answer {
    const userId = typeof body.user_id === "string" && body.user_id !== "" ? body.user_id : undefined;
    if (userId === undefined) return invalid(["[ERROR] missing required field: user_id"]);
    const view = body.view as { type?: unknown; blocks?: unknown } | undefined;
    if (typeof view !== "object" || view === null) return invalid(["[ERROR] missing required field: view"]);
    if (JSON.stringify(view).length > VIEW_BYTES_MAX) return { ok: false, error: "view_too_large" };
    if (view.type !== "home") return invalid([`[ERROR] must be 'home' [json-pointer:/view/type]`]);
    if (!Array.isArray(view.blocks)) return invalid(["[ERROR] missing required field: blocks [json-pointer:/view]"]);
    const problems = blockProblems(view.blocks);
    if (problems.length > 0) return invalid(problems);
    const previous = this.byUser.get(userId);
    this.seq += 1;
    const id = previous?.id ?? `V0HOME${String(this.seq).padStart(5, "0")}`;
    const hash = `${1732700000 + this.seq}.${String(this.seq).padStart(8, "0")}`;
    const stored: StoredHomeView = { id, userId, blocks: view.blocks, hash, publishes: (previous?.publishes ?? 0) + 1 };
    this.byUser.set(userId, stored);
    return {
      ok: true,
      view: {
        id, team_id: this.ws.teamId, type: "home", blocks: view.blocks, private_metadata: "", callback_id: "", state: { values: {} }, hash,
        title: { type: "plain_text", text: "View Title", emoji: true }, clear_on_close: false, notify_on_close: false, close: null, submit: null,
        previous_view_id: null, root_view_id: id, app_id: this.ws.appId, external_id: "", app_installed_team_id: this.ws.teamId, bot_id: this.ws.botId,
      },
    };
  }
}

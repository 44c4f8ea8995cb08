/**
 * Slack's size limits (Block Kit reference) and the room Oyster leaves under them, in one place.
 * Everything that cuts text for Slack takes its numbers from here.
 */

/** A section block's text, and a message's top-level text Oyster posts: at most 3000 characters. */
export const SECTION_TEXT_MAX = 3000;
/** Blocks in one message: Slack refuses more than 50. */
export const MESSAGE_BLOCKS_MAX = 50;
/** Text cut to fit a section, with room left for the "... cut" note after it. */
export const SECTION_TEXT_CUT = 2880;
/** Text inside a code block: room for the fences and a note. */
export const CODE_BLOCK_CHARS = 2800;
/** A button's text: Slack refuses more than 75 characters. */
export const BUTTON_TEXT_MAX = 75;
/**
 * The alert's own action buttons shown beside its three (an actions block holds at most 25): a
 * few, so a phone still shows them on a line or two; a node with many units down offers the
 * first ones, and `/oyster` does the rest.
 */
export const ALERT_ACTION_BUTTONS_MAX = 5;

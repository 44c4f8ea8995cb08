import { terminalText } from "./terminal-text.ts";

/**
 * Slack mrkdwn: only &, < and > are special; an unescaped `<` could become a mention or a link.
 * Control characters go too (terminalText), as in the CLI's text: every Slack rendering of
 * outside text passes here, and a copied escape sequence must not reach someone's terminal.
 */
export function escapeMrkdwn(text: string): string {
  return terminalText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** HTML (email, the report): node names, task errors and alert messages are untrusted text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

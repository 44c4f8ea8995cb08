/**
 * Splits `/oyster` text into words the way a shell user expects: quotes group words ("...",
 * '...', and the curly quotes Slack clients substitute). Slack escapes &, < and > in command text;
 * they are unescaped first. The words are then validated like CLI arguments: nothing here ever
 * reaches a shell.
 */
export function tokenize(text: string): string[] {
  const plain = unescapeSlack(text).replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"');
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: string | null = null;
  for (const ch of plain) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** Undoes Slack's escaping of user text (`&amp;` last, so `&amp;lt;` stays the literal `&lt;`). */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

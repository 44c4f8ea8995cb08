/**
 * Which invocations the CLI asks the running bot to answer: the ones that reach nodes over SSH,
 * where the bot's kept connections (and what it knows of hung nodes) save the whole cost. The
 * rest read state.db or local files, or start something only the terminal can hold, and run in
 * the CLI as before. The bot applies the same rule, so a client of another build cannot make it
 * run something it does not take (it answers "fallback" and the CLI runs it itself).
 *
 * Judged from the words alone (no argument schema, no config): this module is on every CLI
 * call's path and imports nothing. A misjudged form only changes who answers, not the answer.
 */
const ALWAYS = new Set(["status", "check", "sync", "ps", "units", "install-daemon", "install-agent-hooks"]);

export function askBotFirst(inv: { command: string; words: readonly string[] }): boolean {
  const first = inv.words[0];
  switch (inv.command) {
    // `check --rearm` only writes the ledger in state.db.
    case "check": return !inv.words.includes("--rearm");
    // `restart dispatch` runs dispatch's own command here; `restart guardian` goes to the bot through state.db.
    case "restart": return first === "daemon" || first === "watcher" || first === "service";
    // Only `add` dials (the host key it shows); the list, remove, drain and undrain read or write files and state.db.
    case "nodes": return first === "add";
    // The live reading (agent plans are read on the nodes); `history` reads state.db, `watch` redraws until Ctrl-C.
    case "quota": return first !== "history" && first !== "watch";
    default: return ALWAYS.has(inv.command);
  }
}

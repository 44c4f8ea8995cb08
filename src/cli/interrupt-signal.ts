/**
 * Ctrl-C for a command that runs until stopped (`quota watch`, `logs oyster --follow`): SIGINT
 * aborts the signal instead of killing the process, so the command returns normally (exit 0)
 * and the CLI closes state.db and the SSH pool on its way out. `dispose` removes the listener,
 * so a later Ctrl-C behaves as usual again.
 */
export function interruptSignal(proc: NodeJS.Process = process): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  proc.once("SIGINT", stop);
  return { signal: controller.signal, dispose: () => proc.removeListener("SIGINT", stop) };
}

/**
 * What stops a command that runs until stopped: the request's own signal when the bot answers
 * over its socket (the caller's Ctrl-C comes as a cancel; the bot's own SIGINT means "stop the
 * bot", never "stop this command"), else this process's Ctrl-C.
 */
export function stopSignal(ctx: { signal?: AbortSignal }, proc: NodeJS.Process = process): { signal: AbortSignal; dispose: () => void } {
  return ctx.signal ? { signal: ctx.signal, dispose: () => undefined } : interruptSignal(proc);
}

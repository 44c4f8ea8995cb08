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

/**
 * Polls until `fn` returns a value (not undefined/false), or fails after `timeoutMs`. Tests wait
 * on the condition they need instead of sleeping a guessed time: fast machines do not wait, slow
 * ones do not flake. The deadline only bounds a test that would otherwise hang; speed targets
 * live in the bench. `fn` may be async; `what` may be a function, to describe the state at the
 * deadline (what a process printed so far, say).
 */
export async function waitUntil<T>(
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  what: string | (() => string),
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === "function" ? what() : what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

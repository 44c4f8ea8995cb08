/** How often /healthz may write to state.db to prove it writable. */
export const WRITE_PROBE_EVERY_MS = 10_000;

type Last = { at: number; ok: true } | { at: number; ok: false; error: unknown };

/**
 * `probe` (a real write to state.db) run at most once per `everyMs`; calls in between answer with
 * the last write's result, success or the same error. /healthz is open to anyone who can reach the
 * port: one write per request would let a tight loop of GETs contend with the jobs for the write
 * lock, and a health answer 10 s old is as good to a monitor that asks every minute.
 */
export function cachedWriteProbe(probe: () => void, opts: { everyMs?: number; now?: () => number } = {}): () => void {
  const everyMs = opts.everyMs ?? WRITE_PROBE_EVERY_MS;
  // Monotonic: a wall clock set back must not freeze the cache, nor one set forward empty it.
  const now = opts.now ?? (() => performance.now());
  let last: Last | undefined;
  return () => {
    const t = now();
    if (last === undefined || t - last.at >= everyMs || t < last.at) {
      try {
        probe();
        last = { at: t, ok: true };
      } catch (error) {
        last = { at: t, ok: false, error };
      }
    }
    if (!last.ok) throw last.error;
  };
}

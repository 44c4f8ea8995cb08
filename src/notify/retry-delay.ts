/** The first retry after every channel failed, doubled per further failure... */
export const FIRST_RETRY_MS = 30_000;
/** ...up to this, so an outage of hours is still probed twice an hour. */
export const MAX_RETRY_MS = 30 * 60_000;

/** How long to wait after the `failures`-th failed attempt (1-based): 30 s, 1 min, 2 min, ... 30 min. */
export function retryDelayMs(failures: number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 16));
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, MAX_RETRY_MS);
}

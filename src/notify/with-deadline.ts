/**
 * `work`, or a rejection after `ms`: one hung channel call must not stall every notification
 * behind it. The call itself is not cancelled; it is only no longer waited for.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // Not unref'd: whoever awaits this is waiting for an answer and needs the process alive for it.
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

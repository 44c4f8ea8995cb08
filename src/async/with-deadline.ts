/**
 * Settles with `work` or, after `ms`, rejects with `onTimeout()`: a hung call (an SFTP step, a
 * Slack or SMTP request) must not stall everything behind it. The call itself is not cancelled,
 * only no longer waited for; its late rejection is expected, not unhandled.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // Not unref'd: whoever awaits this is waiting for an answer and needs the process alive for it.
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Settles with `work` or, after `ms`, rejects with `onTimeout()`. SFTP steps have no deadline of
 * their own, and a node that hangs mid-upload would otherwise hold its slot until keepalives
 * give up (three missed intervals); `onTimeout` is where the caller cuts the connection.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  // The losing side may still reject later (the dropped connection); that is expected, not unhandled.
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

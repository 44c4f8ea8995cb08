/**
 * Who opened the Home tab lately, so an alert change re-publishes their Home: in memory, per bot
 * process (a restarted bot refreshes a user again from their next open). At most `max` users, the
 * longest unseen dropped first; a user unseen for `windowMs` gets no more refreshes.
 */
export class HomeViewers {
  private readonly seen = new Map<string, number>();

  constructor(private readonly opts: { windowMs: number; max: number }) {}

  saw(userId: string, nowMs: number): void {
    this.seen.delete(userId); // re-inserted last: the Map stays in order of last open
    this.seen.set(userId, nowMs);
    while (this.seen.size > this.opts.max) this.seen.delete(this.seen.keys().next().value as string);
  }

  forget(userId: string): void {
    this.seen.delete(userId);
  }

  /** Users seen within the window, most recent first. */
  recent(nowMs: number): string[] {
    const since = nowMs - this.opts.windowMs;
    for (const [user, at] of this.seen) if (at < since) this.seen.delete(user);
    return [...this.seen.keys()].reverse();
  }
}

/**
 * Notices that the machine slept: a timer that should fire every `tickMs` fires far too late.
 * Laptops suspend timers with the process, so the drift of our own timer is the signal.
 */
export class WakeDetector {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(
    private readonly onWake: (sleptMs: number) => void,
    private readonly tickMs = 15_000,
    private readonly toleranceMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.last = this.now();
    this.timer = setInterval(() => {
      const t = this.now();
      const late = t - this.last - this.tickMs;
      this.last = t;
      if (late > this.toleranceMs) this.onWake(late);
    }, this.tickMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

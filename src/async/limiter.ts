import { OysterError } from "../errors.ts";

export interface LimiterOptions {
  /** At most this many holders at once. */
  max: number;
  /** How long a caller waits for a free slot before it is refused as busy. */
  waitMs: number;
  /** What is being bounded, for the busy message: "processes on the controller". */
  what: string;
}

interface Waiter {
  label: string;
  grant: () => void;
  timer: NodeJS.Timeout;
}

/**
 * At most `max` holders at once; the next caller waits up to `waitMs` (first come, first served:
 * a freed slot goes to the longest waiter, never to a newcomer), then is refused with `Busy`
 * (exit 1, a safety guard like the others) naming what holds the slots. Per process: the bot
 * serves every Slack user and the CLI requests it answers from one limiter.
 */
export class Limiter {
  private readonly holders: string[] = [];
  private readonly queue: Waiter[] = [];

  constructor(private readonly opts: LimiterOptions) {}

  /** The labels of the current holders, oldest first. */
  get running(): readonly string[] {
    return [...this.holders];
  }

  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(label: string, fn: () => Promise<T>): Promise<T> {
    await this.acquire(label);
    try {
      return await fn();
    } finally {
      this.release(label);
    }
  }

  private acquire(label: string): Promise<void> {
    if (this.holders.length < this.opts.max && this.queue.length === 0) {
      this.holders.push(label);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        label,
        grant: () => {
          clearTimeout(waiter.timer);
          this.holders.push(label);
          resolve();
        },
        timer: setTimeout(() => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(this.busy(label));
        }, this.opts.waitMs),
      };
      this.queue.push(waiter);
    });
  }

  private release(label: string): void {
    this.holders.splice(this.holders.indexOf(label), 1);
    const next = this.queue.shift();
    if (next) next.grant();
  }

  private busy(label: string): OysterError {
    const { max, waitMs, what } = this.opts;
    return new OysterError(
      "Busy",
      `busy: ${max} ${what} already running (${this.holders.join(", ")}); ${label} waited ${Math.round(waitMs / 100) / 10} s and did not start: try again when one has finished`,
      { running: [...this.holders], max },
    );
  }
}

import { monitorEventLoopDelay, performance, type IntervalHistogram } from "node:perf_hooks";
import type { Logger } from "./log.ts";

/** The bot's event-loop delay since `since` (start, or the last wake from sleep), in ms. */
export interface LoopStats {
  maxMs: number;
  p99Ms: number;
  since: string;
}

export interface LoopMonitorOptions {
  log: Logger;
  /** Names of the jobs running now (the scheduler's): logged with each stall. */
  runningJobs: () => string[];
  /** A timer this late is a stall worth a log line. */
  stallMs?: number;
  /** How often the stall detector's own timer fires. */
  tickMs?: number;
  /** The histogram's sampling interval. */
  resolutionMs?: number;
  /** Lateness beyond this is the machine sleeping (as the scheduler's wake detector reads it), not a stall. */
  wakeMs?: number;
  now?: () => Date;
  /** Monotonic ms (tests shift it to fake a sleep). */
  clock?: () => number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Event-loop health as numbers. `monitorEventLoopDelay` gives the max and p99 delay; a timer of
 * our own that measures its lateness catches each stall as it ends, so the log line can say which
 * jobs were running (the ones running at the tick before it, and now, since a job that blocks at
 * its very end is gone from the scheduler by the time the timer fires). Both timers are unref'd.
 */
export class LoopMonitor {
  private readonly stallMs: number;
  private readonly tickMs: number;
  private readonly resolutionMs: number;
  private readonly wakeMs: number;
  private readonly now: () => Date;
  private readonly clock: () => number;
  private histogram: IntervalHistogram | undefined;
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private runningBefore: string[] = [];
  private resetNext = false;
  private since: Date;
  /** Ticks of the stall detector so far (tests wait on it). */
  ticks = 0;

  constructor(private readonly opts: LoopMonitorOptions) {
    this.stallMs = opts.stallMs ?? 200;
    this.tickMs = opts.tickMs ?? 100;
    this.resolutionMs = opts.resolutionMs ?? 20;
    this.wakeMs = opts.wakeMs ?? 60_000;
    this.now = opts.now ?? (() => new Date());
    this.clock = opts.clock ?? (() => performance.now());
    this.since = this.now();
  }

  start(): void {
    this.histogram = monitorEventLoopDelay({ resolution: this.resolutionMs });
    this.histogram.enable();
    this.since = this.now();
    this.last = this.clock();
    this.runningBefore = this.opts.runningJobs();
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram?.disable();
  }

  /**
   * Max and p99 delay beyond the sampling interval (the histogram records whole intervals, so an
   * idle loop would otherwise read as `resolutionMs` late).
   */
  stats(): LoopStats {
    const h = this.histogram;
    const beyond = (ns: number) => (h && h.count > 0 ? round(Math.max(0, ns / 1e6 - this.resolutionMs)) : 0);
    return { maxMs: beyond(h?.max ?? 0), p99Ms: beyond(h?.percentile(99) ?? 0), since: this.since.toISOString() };
  }

  private tick(): void {
    const t = this.clock();
    const lateMs = t - this.last - this.tickMs;
    this.last = t;
    this.ticks++;
    const running = this.opts.runningJobs();
    if (this.resetNext) {
      // The histogram's own timer may record the sleep just after the tick that saw it.
      this.histogram?.reset();
      this.resetNext = false;
    }
    if (lateMs > this.wakeMs) {
      this.histogram?.reset();
      this.resetNext = true;
      this.since = this.now();
      this.opts.log.info({ sleptMs: Math.round(lateMs) }, "event-loop stats restarted after a sleep");
    } else if (lateMs > this.stallMs) {
      const names = [...new Set([...this.runningBefore, ...running])];
      this.opts.log.warn({ stalledMs: Math.round(lateMs), running: names }, names.length ? "event loop stalled while jobs ran" : "event loop stalled; no job was running");
    }
    this.runningBefore = running;
  }
}

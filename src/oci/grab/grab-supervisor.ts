import { acquireLock, type Db, type HeldLock } from "../../store/index.ts";
import { toOysterError } from "../../errors.ts";
import type { Logger } from "../../log.ts";
import { runGrab, type GrabEvents, type GrabLoopDeps } from "./grab-loop.ts";
import type { Grab, GrabStore } from "./grab-store.ts";

export interface GrabSupervisorOptions {
  db: Db;
  grabs: GrabStore;
  events: GrabEvents;
  log: Logger;
  /** The loop's other dependencies for one grab, from config as it is now; throws when it no longer allows a grab. */
  prepare(grab: Grab): Promise<Omit<GrabLoopDeps, "store" | "events" | "log">>;
  /** How often state.db is looked at for a grab to take up (a `start` from the CLI or Slack). */
  pollMs?: number;
  /** Tests: a clock for the lock's lease. */
  lockNow?: () => number;
}

/** The lock that makes one loop per grab, across processes and restarts. */
export const GRAB_LOCK = "oci-grab";

/**
 * Runs the grab that state.db says is running, inside the bot: at start (a restart resumes it)
 * and whenever a `start` appears. One loop at most: in this process by `active`, across processes
 * by a lock in state.db whose lease dies with its holder.
 */
export class GrabSupervisor {
  private timer: NodeJS.Timeout | undefined;
  private active: Promise<void> | undefined;
  private readonly controller = new AbortController();

  constructor(private readonly o: GrabSupervisorOptions) {}

  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.o.pollMs ?? 2000);
    this.timer.unref();
  }

  get running(): boolean {
    return this.active !== undefined;
  }

  /** Looks for a grab to take up; returns the loop when it started one (tests await it). */
  check(): Promise<void> | undefined {
    if (this.active || this.controller.signal.aborted) return undefined;
    const grab = this.o.grabs.running();
    if (!grab) return undefined;
    this.active = this.take(grab).finally(() => {
      this.active = undefined;
    });
    return this.active;
  }

  private async take(grab: Grab): Promise<void> {
    let lock: HeldLock;
    try {
      lock = await acquireLock(this.o.db, GRAB_LOCK, { label: "bot", waitMs: 0, ...(this.o.lockNow ? { now: this.o.lockNow } : {}) });
    } catch {
      return; // another bot runs it; it dies with its lease, and the next check takes over
    }
    const log = this.o.log.child({ grab: grab.id });
    try {
      let deps: Omit<GrabLoopDeps, "store" | "events" | "log">;
      try {
        deps = await this.o.prepare(grab);
      } catch (err) {
        const message = `the grab can no longer run with this configuration: ${toOysterError(err).message}`;
        await this.o.events.alert("grab_stopped", "critical", `OCI grab #${grab.id} stopped: ${message}`);
        await this.o.events.ended(this.o.grabs.end(grab.id, "failed", { kind: "failed", message }));
        return;
      }
      log.info({ attempts: grab.attempts, phase: grab.phase, next: grab.nextAttemptAt }, grab.attempts > 0 || grab.phase !== "launching" ? "OCI grab resumed" : "OCI grab started");
      await runGrab({ ...deps, store: this.o.grabs, events: this.o.events, log }, grab.id, this.controller.signal);
    } catch (err) {
      // A bug or a closed database: the row stays running and the next check (or start) resumes it.
      log.error({ err: toOysterError(err) }, "OCI grab loop failed; it is taken up again");
    } finally {
      lock.release();
    }
  }

  /** At shutdown: the loop stops where it is (the row stays running) and is resumed at next start. */
  async stop(deadlineMs = 5000): Promise<void> {
    clearInterval(this.timer);
    this.controller.abort();
    if (!this.active) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.active, new Promise((r) => (timer = setTimeout(r, deadlineMs)))]);
    clearTimeout(timer);
  }
}

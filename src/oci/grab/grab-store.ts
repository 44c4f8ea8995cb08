import { OysterError } from "../../errors.ts";
import type { Db } from "../../store/index.ts";
import type { AttemptAction } from "../classify-attempt.ts";
import type { GrabJoinReport } from "./types.ts";

export type GrabStatus = "running" | "succeeded" | "stopped" | "failed";
/** Where a running grab is: still launching, waiting for the instance to run, or bringing it into the fleet. */
export type GrabPhase = "launching" | "provisioning" | "joining" | "done";

/** What the grab was started with: the `oci` config values a person may override, resolved. */
export interface GrabRequest {
  ocpus: number;
  memoryGb: number;
  /** `--ad`: only this availability domain. */
  ad?: string;
  shape: string;
  displayName: string;
}

export interface AdError {
  at: string;
  action: AttemptAction;
  detail: string;
}

export interface GrabInstance {
  id: string;
  availabilityDomain: string;
  shape: string;
  ocpus: number;
  memoryGb: number;
  lifecycleState: string;
  publicIp?: string;
  privateIp?: string;
  /**
   * Why there is no `publicIp` once RUNNING: OCI's VNIC has none (`none`, e.g. assignPublicIp
   * false), or the address lookup got no answer in time or was refused (`unread`).
   */
  noPublicIp?: { kind: "none" | "unread"; reason: string };
  /** The login user: `oci.nodeUser`, else `ubuntu` for an Ubuntu image, else `opc`. */
  user?: string;
}

export interface GrabOutcome {
  kind: "launched" | "exists" | "stopped" | "failed";
  message: string;
  join?: GrabJoinReport;
}

export interface Grab {
  id: number;
  status: GrabStatus;
  phase: GrabPhase;
  startedBy: string;
  startedAt: string;
  request: GrabRequest;
  /** The Slack channel that started it; progress goes to the alert channel when null. */
  slackChannel: string | null;
  /** The progress message, once posted: edited in place from then on. */
  slackTs: string | null;
  /** The rotation, once known (config, `--ad`, or discovered); shape-less ADs are taken out. */
  ads: string[] | null;
  skippedAds: string[];
  adIndex: number;
  attempts: number;
  adErrors: Record<string, AdError>;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  pausedUntil: string | null;
  pauseReason: string | null;
  /** Set before a LaunchInstance is sent, cleared once OCI answered it: left set, that attempt is re-sent with it. */
  retryToken: string | null;
  instance: GrabInstance | null;
  stopRequestedAt: string | null;
  stopRequestedBy: string | null;
  endedAt: string | null;
  outcome: GrabOutcome | null;
  updatedAt: string;
}

type Patch = Partial<Omit<Grab, "id" | "startedBy" | "startedAt" | "request" | "updatedAt">>;

// Field → column; JSON columns are (de)serialised, the rest stored as they are.
const COLUMNS: Record<keyof Patch, [string, "json" | "plain"]> = {
  status: ["status", "plain"],
  phase: ["phase", "plain"],
  slackChannel: ["slack_channel", "plain"],
  slackTs: ["slack_ts", "plain"],
  ads: ["ads", "json"],
  skippedAds: ["skipped_ads", "json"],
  adIndex: ["ad_index", "plain"],
  attempts: ["attempts", "plain"],
  adErrors: ["ad_errors", "json"],
  lastAttemptAt: ["last_attempt_at", "plain"],
  nextAttemptAt: ["next_attempt_at", "plain"],
  pausedUntil: ["paused_until", "plain"],
  pauseReason: ["pause_reason", "plain"],
  retryToken: ["retry_token", "plain"],
  instance: ["instance", "json"],
  stopRequestedAt: ["stop_requested_at", "plain"],
  stopRequestedBy: ["stop_requested_by", "plain"],
  endedAt: ["ended_at", "plain"],
  outcome: ["outcome", "json"],
};

type Row = Record<string, string | number | null>;

const json = <T>(v: string | number | null, fallback: T): T => (typeof v === "string" ? (JSON.parse(v) as T) : fallback);

function fromRow(r: Row): Grab {
  return {
    id: r.id as number,
    status: r.status as GrabStatus,
    phase: r.phase as GrabPhase,
    startedBy: r.started_by as string,
    startedAt: r.started_at as string,
    request: json(r.request, {} as GrabRequest),
    slackChannel: (r.slack_channel as string | null) ?? null,
    slackTs: (r.slack_ts as string | null) ?? null,
    ads: json<string[] | null>(r.ads, null),
    skippedAds: json<string[]>(r.skipped_ads, []),
    adIndex: r.ad_index as number,
    attempts: r.attempts as number,
    adErrors: json<Record<string, AdError>>(r.ad_errors, {}),
    lastAttemptAt: r.last_attempt_at as string | null,
    nextAttemptAt: r.next_attempt_at as string | null,
    pausedUntil: r.paused_until as string | null,
    pauseReason: r.pause_reason as string | null,
    retryToken: r.retry_token as string | null,
    instance: json<GrabInstance | null>(r.instance, null),
    stopRequestedAt: r.stop_requested_at as string | null,
    stopRequestedBy: r.stop_requested_by as string | null,
    endedAt: r.ended_at as string | null,
    outcome: json<GrabOutcome | null>(r.outcome, null),
    updatedAt: r.updated_at as string,
  };
}

/** The grabs in state.db (`oci_grabs`): the CLI, Slack and the bot's loop all go through here. */
export class GrabStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a new running grab; a second one while one runs is refused (Busy), in any process. */
  create(input: { startedBy: string; request: GrabRequest; slackChannel?: string | null }): Grab {
    const at = this.now().toISOString();
    try {
      const { lastInsertRowid } = this.db
        .prepare(
          "INSERT INTO oci_grabs (status, phase, started_by, started_at, request, slack_channel, updated_at) VALUES ('running', 'launching', ?, ?, ?, ?, ?)",
        )
        .run(input.startedBy, at, JSON.stringify(input.request), input.slackChannel ?? null, at);
      return this.get(Number(lastInsertRowid))!;
    } catch (err) {
      if ((err as { code?: string }).code !== "SQLITE_CONSTRAINT_UNIQUE") throw err;
      const running = this.running()!;
      throw new OysterError("Busy", `a grab is already running (#${running.id}, started by ${running.startedBy} at ${running.startedAt}); stop it first with \`oyster oci-grab stop\``, { grab: running.id });
    }
  }

  get(id: number): Grab | undefined {
    const row = this.db.prepare("SELECT * FROM oci_grabs WHERE id = ?").get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  running(): Grab | undefined {
    const row = this.db.prepare("SELECT * FROM oci_grabs WHERE status = 'running'").get() as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The running grab, else the most recent one. */
  latest(): Grab | undefined {
    const row = this.db.prepare("SELECT * FROM oci_grabs ORDER BY status = 'running' DESC, id DESC LIMIT 1").get() as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  update(id: number, patch: Patch): Grab {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [field, value] of Object.entries(patch) as [keyof Patch, unknown][]) {
      const [column, kind] = COLUMNS[field];
      sets.push(`${column} = ?`);
      values.push(value === undefined || value === null ? null : kind === "json" ? JSON.stringify(value) : value);
    }
    sets.push("updated_at = ?");
    values.push(this.now().toISOString());
    this.db.prepare(`UPDATE oci_grabs SET ${sets.join(", ")} WHERE id = ?`).run(...values, id);
    return this.get(id)!;
  }

  /** Marks the running grab for stopping; its loop ends it before the next attempt. */
  requestStop(by: string): Grab | undefined {
    const running = this.running();
    if (!running) return undefined;
    if (running.stopRequestedAt) return running;
    return this.update(running.id, { stopRequestedAt: this.now().toISOString(), stopRequestedBy: by });
  }

  end(id: number, status: Exclude<GrabStatus, "running">, outcome: GrabOutcome): Grab {
    return this.update(id, { status, phase: "done", outcome, endedAt: this.now().toISOString(), retryToken: null, pausedUntil: null, nextAttemptAt: null });
  }
}

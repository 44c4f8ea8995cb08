import type { AnyCommand } from "../src/command/types.ts";
import { ack } from "./ack.ts";
import { alerts } from "./alerts.ts";
import { audit } from "./audit.ts";
import { backup } from "./backup.ts";
import { backups } from "./backups.ts";
import { check } from "./check.ts";
import { dispatch } from "./dispatch.ts";
import { db } from "./db.ts";
import { help } from "./help.ts";
import { installDaemon } from "./install-daemon.ts";
import { jobs } from "./jobs.ts";
import { logs } from "./logs.ts";
import { nodes } from "./nodes.ts";
import { ociGrab } from "./oci-grab.ts";
import { ps } from "./ps.ts";
import { outbox } from "./outbox.ts";
import { quota } from "./quota.ts";
import { report } from "./report.ts";
import { restart } from "./restart.ts";
import { restore } from "./restore.ts";
import { run } from "./run.ts";
import { snooze } from "./snooze.ts";
import { status } from "./status.ts";
import { sync } from "./sync.ts";
import { units } from "./units.ts";

/** Every command, CLI and Slack alike. An explicit list: no directory scanning. */
export const commands: readonly AnyCommand[] = [help, status, nodes, check, restart, alerts, ack, snooze, sync, backup, backups, restore, report, jobs, run, audit, quota, ociGrab, installDaemon, units, logs, db, dispatch, outbox, ps];

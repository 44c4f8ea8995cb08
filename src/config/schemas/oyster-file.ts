import { isAbsolute, join } from "node:path";
import { z } from "zod";
import {
  bool, cronExpression, emailAddress, ENV_NAME_RE, httpUrl, intAtLeast, listOf, localPath, matching, oneOf, port, positiveInt,
  SLACK_USER_RE, stringList, TEMPLATE_VAR_RE, text, timeZone, UNIT_NAME_RE, unitTemplateValue,
} from "../fields.ts";
import { LOCALES } from "../../locale/types.ts";
import { expected, expectedType } from "../messages.ts";
import { objectFor, type SchemaOptions } from "../object-factory.ts";
import { guardianSection } from "./oyster-guardian.ts";
import { monitorSection } from "./oyster-monitor.ts";
import { ociSection } from "./oyster-oci.ts";
import { syncSection } from "./oyster-sync.ts";

/** Jobs that may have a ping URL of their own under `heartbeat.jobs`. */
export const HEARTBEAT_JOBS = ["guardian", "monitor", "backup", "sync", "report"] as const;

/** oyster.json: Oyster's own settings. Every key is optional; see config/README.md. */
export function oysterFileSchema(options: SchemaOptions) {
  const { strict, home } = options;
  const object = objectFor(strict);
  const emails = listOf(emailAddress(), "a list of email addresses");
  const slackUsers = () => listOf(matching(SLACK_USER_RE, "a Slack user ID"), "a list of Slack user IDs").default([]);

  return object({
    ssh: object({
      configFile: localPath(home).prefault("~/.ssh/config"),
      knownHostsFile: localPath(home).prefault("~/.ssh/known_hosts"),
      identityFile: localPath(home).optional(),
      hostKeyPolicy: oneOf(["strict", "accept-new"]).default("strict"),
      connectTimeoutMs: positiveInt().default(5_000),
      commandTimeoutMs: positiveInt().default(30_000),
      concurrency: positiveInt().default(16),
      // 0 turns keepalives off (ssh2's own meaning), for links that dislike idle traffic.
      keepaliveMs: intAtLeast(0).default(15_000),
    }).prefault({}),
    dispatch: object({
      dir: localPath(home).prefault("~/Downloads/dispatch"),
      db: localPath(home).optional(),
      statusCommand: text("a shell command").default("python3 dispatch.py status"),
      startCommand: text("a shell command").default("python3 dispatch.py start {project}"),
      stopCommand: text("a shell command").default("python3 dispatch.py stop {project}"),
      // Environment variables handed to those commands; every other secret is stripped from their env.
      passEnv: listOf(matching(ENV_NAME_RE, "an environment variable name"), "a list of environment variable names").default([]),
    })
      // Consumers get one absolute-or-dir-relative db path and never re-derive it.
      .transform((d) => ({ ...d, db: d.db !== undefined && isAbsolute(d.db) ? d.db : join(d.dir, d.db ?? "dispatch.db") }))
      .prefault({}),
    slack: object({
      mode: oneOf(["socket", "http"]).default("socket"),
      port: port().default(3000),
      // HTTP mode listens here only; a TLS proxy in front is what Slack talks to.
      host: text("a host or address").default("127.0.0.1"),
      alertChannel: text("a channel").optional(),
      reportChannel: text("a channel").optional(),
      allowedChannels: stringList().optional(),
    }).prefault({}),
    roles: object({ admins: slackUsers(), operators: slackUsers() }).prefault({}),
    email: object({
      from: emailAddress().optional(),
      to: z
        .union([emailAddress(), emails], { error: expected("an email address or a list of them") })
        .transform((to) => (typeof to === "string" ? [to] : to))
        .default([]),
      // SMTP credentials go only over TLS unless this is set (a loopback relay, say).
      allowInsecureAuth: bool().default(false),
    }).prefault({}),
    timezone: timeZone().default(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    // What people read (Slack, email, the report, CLI text); JSON, logs and the audit stay English.
    locale: oneOf(LOCALES).default("en"),
    schedules: object({
      monitor: cronExpression().default("*/5 * * * *"),
      backup: cronExpression().default("0 3 * * *"),
      sync: cronExpression().default("0 * * * *"),
      report: cronExpression().default("0 9 * * *"),
    }).prefault({}),
    sync: syncSection(options).prefault({}),
    systemd: object({
      // Not `~`-expanded: units live in a system directory, never in a home.
      unitDir: text("a path").default("/etc/systemd/system"),
      daemonUnit: matching(UNIT_NAME_RE, "a systemd unit name").default("agent-daemon"),
      // Extra {NAME} placeholders for the unit templates. Control characters are refused here so
      // a value can never add a line (a second ExecStart=, say) to a rendered unit.
      vars: z
        .record(z.string(), z.unknown(), { error: expectedType("a map of placeholder name to string") })
        // Names and values judged in one pass, so every problem is listed at once (a key schema's
        // failure would also be reported without the name, and a failed value would hide it).
        .superRefine((vars, ctx) => {
          for (const [name, value] of Object.entries(vars)) {
            if (!TEMPLATE_VAR_RE.test(name)) ctx.addIssue({ code: "custom", path: [name], message: `placeholder name ${JSON.stringify(name)} must match ${TEMPLATE_VAR_RE.source}` });
            const checked = unitTemplateValue().safeParse(value);
            if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", path: [name], message: issue.message, input: value });
          }
        })
        .transform((vars) => vars as Record<string, string>)
        .default({}),
    }).prefault({}),
    guardian: guardianSection(options),
    monitor: monitorSection(options),
    oci: ociSection(options),
    // logs/oyster.log is rotated by size: oyster.log.1 (newest) .. oyster.log.<keep>.
    logs: object({ maxMb: positiveInt().default(10), keep: positiveInt().default(5) }).prefault({}),
    // History the guardian job prunes (resolved alerts and delivered notifications follow guardian.backup_retention_days).
    retention: object({ auditDays: positiveInt().default(365), jobRunsDays: positiveInt().default(90) }).prefault({}),
    http: object({ port: port().optional(), host: text("a host or address").default("127.0.0.1") }).prefault({}),
    heartbeat: object({
      url: httpUrl().optional(),
      // A ping URL per job, pinged after each of its runs; `{status}` in it becomes up / down.
      jobs: z.partialRecord(z.enum(HEARTBEAT_JOBS, { error: expected(`a job name: ${HEARTBEAT_JOBS.join(", ")}`) }), httpUrl()).default({}),
    }).prefault({}),
  });
}

export type OysterFile = z.output<ReturnType<typeof oysterFileSchema>>;

import type { Config } from "../config/index.ts";
import { withDeadline } from "../async/with-deadline.ts";
import { OysterError, toOysterError } from "../errors.ts";
import type { SshPool } from "../ssh/index.ts";
import { configChecks } from "./config-checks.ts";
import { dataDirChecks } from "./data-dir-checks.ts";
import { dispatchChecks } from "./dispatch-checks.ts";
import { emailChecks, type EmailCheckOptions } from "./email-checks.ts";
import { limitsChecks, type LimitSource } from "./limits-checks.ts";
import { firstLine, line, say } from "./line.ts";
import { nodeChecks, PROBE_TIMEOUT_MS } from "./node-checks.ts";
import { ociChecks } from "./oci-checks.ts";
import { providerChecks, type CheckAllFn } from "./provider-checks.ts";
import { slackChecks } from "./slack-checks.ts";
import { DOCTOR_AREAS, type DoctorArea, type DoctorData, type DoctorLine } from "./types.ts";

export interface DoctorDeps {
  config: Config;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  ssh: SshPool;
  /** Every monitor account and agent plan read once (checkAll, nothing stored). */
  checkAll: CheckAllFn;
  limits?: LimitSource;
  fetch?: typeof fetch;
  email?: EmailCheckOptions;
}

/** The longest any area may take: each is bounded by its own timeouts well within this. */
export const AREA_DEADLINE_MS = 60_000;

/**
 * An area whose check itself broke (a bug, a file that vanished mid-read) or ran past its
 * deadline is one failed line, not the end of the checklist.
 */
async function guarded(area: DoctorArea, work: () => DoctorLine[] | Promise<DoctorLine[]>, deadlineMs = AREA_DEADLINE_MS): Promise<DoctorLine[]> {
  try {
    return await withDeadline(Promise.resolve().then(work), deadlineMs, () => new OysterError("CommandFailed", `did not finish within ${Math.round(deadlineMs / 1000)} s`));
  } catch (err) {
    return [line(area, area, "fail", say("doctor.crashed", { error: firstLine(toOysterError(err).message) }), say("doctor.crashedFix"))];
  }
}

/** Every node hung costs a connect timeout and at most a probe's, `ssh.concurrency` at a time. */
function nodesDeadline(config: Config, nodes: number): number {
  const { concurrency, connectTimeoutMs } = config.oyster.ssh;
  return Math.max(AREA_DEADLINE_MS, Math.ceil(nodes / concurrency) * (connectTimeoutMs + PROBE_TIMEOUT_MS) + 5_000);
}

/**
 * The setup as a checklist. Every area runs at once, each within its own timeouts (SSH's connect
 * and a short probe per node, 10 s per Slack call and for SMTP, `monitor.timeoutMs` per account),
 * so the whole takes about as long as its slowest area, and no area longer than its deadline.
 * ok is false when any line failed.
 */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorData> {
  const { config, env } = deps;
  const areas = await Promise.all([
    guarded("config", () => configChecks(config, env)),
    guarded("data", () => dataDirChecks(deps.dataDir)),
    guarded("dispatch", () => dispatchChecks(config)),
    guarded("nodes", () => nodeChecks(deps.ssh, deps.ssh.nodeNames, { knownHostsFile: config.oyster.ssh.knownHostsFile }), nodesDeadline(config, deps.ssh.nodeNames.length)),
    guarded("slack", () => slackChecks(config, env, deps.fetch)),
    guarded("email", () => emailChecks(config, env, deps.email)),
    guarded("providers", () => providerChecks(config, deps.checkAll)),
    guarded("oci", () => ociChecks(config, env)),
    guarded("limits", () => limitsChecks(config.nodes.length, deps.limits)),
  ]);
  const checks = areas.flat().sort((a, b) => DOCTOR_AREAS.indexOf(a.area) - DOCTOR_AREAS.indexOf(b.area));
  return { ok: checks.every((c) => c.status !== "fail"), checks };
}

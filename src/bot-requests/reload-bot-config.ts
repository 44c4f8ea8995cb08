import { alertBookFor } from "../alerts/alert-book-for.ts";
import type { Notifier } from "../alerts/types.ts";
import { reloadConfig } from "../config/reload-config.ts";
import type { Runtime } from "../runtime.ts";
import type { Scheduler } from "../scheduler.ts";

const CHECK = "config_reload";

/**
 * What `restart guardian` and SIGHUP do in the bot: reload the config in place and schedule the
 * guardian again from it. A config that does not validate keeps the old one running and raises
 * an alert naming every problem; the next good reload resolves it.
 */
export async function reloadBotConfig(o: { runtime: Runtime; scheduler: Pick<Scheduler, "reschedule">; notifier: Notifier; why: string }): Promise<{ ok: boolean; answer: string }> {
  const { runtime } = o;
  const log = runtime.log.child({ subsystem: "reload", why: o.why });
  const alerts = alertBookFor({ store: runtime.store, dataDir: runtime.env.dataDir, config: runtime.config, log, now: runtime.now }, o.notifier);
  const r = reloadConfig({ config: runtime.config, ssh: runtime.ssh, log, env: runtime.processEnv });
  if (!r.ok) {
    const message = `config not reloaded (${o.why}): the bot keeps running on the config it had. Problems:\n${r.problems.join("\n")}`;
    await alerts.raise({ source: "config", check: CHECK, node: null, severity: "warning", attempts: 1, message });
    return { ok: false, answer: message };
  }
  o.scheduler.reschedule("guardian");
  await alerts.resolve("config", CHECK, null, `config reloaded (${o.why})`);
  const f = r.fleet!;
  const fleet = [f.added.length ? `added ${f.added.join(", ")}` : "", f.removed.length ? `removed ${f.removed.join(", ")}` : "", f.changed.length ? `changed ${f.changed.join(", ")}` : ""].filter(Boolean).join("; ");
  const c = runtime.config;
  return { ok: true, answer: `config reloaded: ${c.nodes.length} nodes${fleet ? ` (${fleet})` : ""}, ${c.projects.length} projects; guardian scheduled every ${c.guardian.interval_seconds} s` };
}

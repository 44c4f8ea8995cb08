import { z } from "zod";
import { noPositionals } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { doctorText } from "../src/doctor/render-text.ts";
import type { DoctorData } from "../src/doctor/types.ts";
import { BotPresence } from "../src/store/bot-presence.ts";

export const doctor = defineCommand({
  name: "doctor",
  summary: "The setup as a checklist (config, data dir, dispatch, nodes, Slack, SMTP, providers, OCI, open files): ok / warn / fail with the fix",
  usage: "doctor [--json]",
  examples: ["doctor"],
  schema: z.object({ _: noPositionals }).transform(() => ({})),
  // It shows what the nodes, Slack and the mail relay answer, and where the secrets are read from.
  role: "operator",
  changesState: false,
  async run(ctx) {
    const bot = BotPresence.current(ctx.store.db, ctx.now());
    // Loaded when doctor runs: every other command (help above all) starts without its checks.
    const [{ runDoctor }, { checkAll }] = await Promise.all([import("../src/doctor/run-doctor.ts"), import("../src/monitor/check-all.ts")]);
    const data: DoctorData = await runDoctor({
      config: ctx.config,
      env: ctx.env,
      dataDir: ctx.dataDir,
      ssh: ctx.ssh,
      checkAll: () => checkAll(ctx.config, ctx.env, { now: ctx.now, ssh: ctx.ssh, db: ctx.store.db }),
      limits: bot ? { bot: { pid: bot.pid, host: bot.host } } : {},
    });
    return { ok: data.ok, data };
  },
  text: (data: DoctorData, view) => doctorText(data, view),
});

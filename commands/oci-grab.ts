import { defineCommand, type CommandContext } from "../src/command/types.ts";
import { OysterError } from "../src/errors.ts";
import { GRAB_USAGE, grabSchema, type GrabArgs } from "../src/oci/grab/grab-args.ts";
import { GrabStore, type Grab } from "../src/oci/grab/grab-store.ts";
import { grabLines, grabView, type GrabView } from "../src/oci/grab/render.ts";
import { grabReadiness, notReadyError, type GrabSettings } from "../src/oci/grab/settings.ts";
import { BotPresence } from "../src/store/bot-presence.ts";

export interface GrabData {
  action: GrabArgs["action"];
  /** False when the `oci` section cannot start a grab; `missing` and `problems` say why. */
  configured: boolean;
  missing?: string[];
  problems?: string[];
  /** The running grab, else the latest (null: none on record). */
  grab: GrabView | null;
  /** What was done: "started", "stop requested", or null for status. */
  done: string | null;
  lines: string[];
}

async function ready(ctx: CommandContext, args: Extract<GrabArgs, { action: "start" }>): Promise<GrabSettings> {
  const r = await grabReadiness(ctx.config.oyster.oci, { ...(args.ocpus ? { ocpus: args.ocpus } : {}), ...(args.memoryGb ? { memoryGb: args.memoryGb } : {}) }, { home: ctx.env.HOME });
  if (!r.ready) throw notReadyError(r);
  return r.settings;
}

/** The grab runs inside the bot; the CLI only writes the request, so a bot must be there to act on it. */
function requireBot(ctx: CommandContext): void {
  if (!BotPresence.current(ctx.store.db, ctx.now())) {
    throw new OysterError("BotNotRunning", "no Oyster bot is running, and the grab runs inside the bot: start it (npm start, or the service), then run this again; nothing was started");
  }
}

function data(ctx: CommandContext, action: GrabArgs["action"], grab: Grab | undefined, done: string | null, readiness?: { configured: boolean; missing?: string[]; problems?: string[] }): GrabData {
  const now = ctx.now();
  const configured = readiness?.configured ?? true;
  const lines = grab ? grabLines(grab, now) : [];
  if (!configured) lines.unshift(`OCI grab: not configured (${[...(readiness?.missing?.length ? [`missing ${readiness.missing.join(", ")}`] : []), ...(readiness?.problems ?? [])].join("; ")})`);
  else if (!grab) lines.push("OCI grab: configured; no grab on record (start one with `oci-grab start`)");
  if (done) lines.unshift(done);
  return { action, configured, ...(readiness?.missing ? { missing: readiness.missing } : {}), ...(readiness?.problems ? { problems: readiness.problems } : {}), grab: grab ? grabView(grab, now) : null, done, lines };
}

export const ociGrab = defineCommand({
  name: "oci-grab",
  summary: "Keep launching an OCI Always Free A1 instance until one succeeds (runs inside the bot); status; stop",
  usage: GRAB_USAGE,
  options: {
    ocpus: { type: "string", description: "start: OCPUs (default oci.ocpus)" },
    memory: { type: "string", description: "start: memory in GB (default oci.memoryGb)" },
    ad: { type: "string", description: "start: only this availability domain" },
  },
  schema: grabSchema,
  role: {
    forms: [
      { form: "status", role: "viewer", example: ["status"] },
      { form: "start", role: "operator", example: ["start"] },
      { form: "stop", role: "operator", example: ["stop"] },
    ],
    of: (a: GrabArgs) => (a.action === "status" ? "viewer" : "operator"),
  },
  changesState: (a: GrabArgs) => a.action !== "status",
  async plan(ctx, args) {
    const grabs = new GrabStore(ctx.store.db, ctx.now);
    if (args.action === "stop") {
      const running = grabs.running();
      if (!running) throw new OysterError("NotRunning", "no grab is running; nothing to stop");
      return { summary: `stop OCI grab #${running.id}`, steps: [`the bot ends grab #${running.id} before its next attempt (${running.attempts} so far)`] };
    }
    const a = args as Extract<GrabArgs, { action: "start" }>;
    const s = await ready(ctx, a);
    requireBot(ctx);
    const running = grabs.running();
    if (running) throw new OysterError("Busy", `a grab is already running (#${running.id}, started by ${running.startedBy}); one at a time`);
    return {
      summary: `start an OCI grab: ${s.shape} ${s.ocpus} OCPUs / ${s.memoryGb} GB "${s.displayName}" in ${s.region}`,
      steps: [
        `the bot lists instances first and stops if ${s.maxInstances} of ${s.shape} exist already`,
        `then one LaunchInstance every ${s.intervalSeconds} s, ${a.ad ? `in ${a.ad} only` : s.availabilityDomains ? `ADs in turn: ${s.availabilityDomains.join(", ")}` : "availability domains in turn (discovered)"}, until one succeeds or it is stopped`,
        `progress: one Slack message edited in place; the success by Slack and email${s.joinFleet ? "; then the new node joins the fleet (nodes.json, SSH, sync)" : ""}`,
      ],
    };
  },
  async run(ctx, args) {
    const grabs = new GrabStore(ctx.store.db, ctx.now);
    if (args.action === "status") {
      const grab = grabs.latest();
      const r = await grabReadiness(ctx.config.oyster.oci, {}, { home: ctx.env.HOME });
      return { ok: true, data: data(ctx, "status", grab, null, r.ready ? { configured: true } : { configured: false, missing: r.missing, problems: r.problems }) };
    }
    if (args.action === "stop") {
      const grab = grabs.requestStop(ctx.caller.who);
      if (!grab) throw new OysterError("NotRunning", "no grab is running; nothing to stop");
      return { ok: true, data: data(ctx, "stop", grab, `stop requested: the bot ends grab #${grab.id} before its next attempt`) };
    }
    const s = await ready(ctx, args);
    requireBot(ctx);
    const grab = grabs.create({
      startedBy: ctx.caller.who,
      request: { ocpus: s.ocpus, memoryGb: s.memoryGb, shape: s.shape, displayName: s.displayName, ...(args.ad ? { ad: args.ad } : {}) },
      slackChannel: ctx.caller.via === "slack" ? (ctx.caller.channel ?? null) : null,
    });
    ctx.log.info({ grab: grab.id, by: ctx.caller.who }, "OCI grab requested");
    return { ok: true, data: data(ctx, "start", grab, `started OCI grab #${grab.id}: the bot takes it up within seconds; follow it with \`oyster oci-grab status\` or in Slack`) };
  },
  text: (d: GrabData) => d.lines.join("\n"),
});

import { randomUUID } from "node:crypto";
import { alertBookFor } from "../../alerts/alert-book-for.ts";
import type { Notifier } from "../../alerts/types.ts";
import type { Announcer } from "../../notify/announcement.ts";
import type { Runtime } from "../../runtime.ts";
import { createOciClient } from "../client.ts";
import { botGrabEvents, type ProgressSlack } from "./bot-events.ts";
import type { GrabLoopDeps } from "./grab-loop.ts";
import { GrabStore, type Grab } from "./grab-store.ts";
import { GrabSupervisor } from "./grab-supervisor.ts";
import { grabReadiness, notReadyError } from "./settings.ts";
import { abortableSleep } from "../../async/sleep.ts";

export interface GrabWiring {
  rt: Runtime;
  notifier: Notifier;
  announcer: Announcer;
  slackClient?: ProgressSlack;
  /** Tests: instead of joinFleet (src/oci/join-fleet.ts) when `oci.onSuccess.joinFleet` is on. */
  join?: GrabLoopDeps["join"];
}

/** `oci.onSuccess.joinFleet`: the new instance, named by `displayName`, joins the fleet by its public IP. */
function joinWith(rt: Runtime): NonNullable<GrabLoopDeps["join"]> {
  return async (instance, user) => {
    const { joinFleet } = await import("../join-fleet.ts");
    const log = rt.log.child({ subsystem: "oci-grab", step: "join" });
    const name = rt.config.oyster.oci.displayName ?? "oyster-arm-1";
    return joinFleet({ config: rt.config, ssh: rt.ssh, log, env: rt.processEnv, dataDir: rt.env.dataDir, now: rt.now, store: rt.store, owner: "oci-grab" }, { name, host: instance.publicIp!, user });
  };
}

/** The bot's grab supervisor, wired from the runtime: it resumes a running grab at start. */
export function startGrabSupervisor(w: GrabWiring): GrabSupervisor {
  const { rt } = w;
  const log = rt.log.child({ subsystem: "oci-grab" });
  const grabs = new GrabStore(rt.store.db, rt.now);
  const alertChannel = rt.config.oyster.slack.alertChannel || undefined;
  const events = botGrabEvents({
    grabs,
    alerts: alertBookFor({ store: rt.store, dataDir: rt.env.dataDir, config: rt.config, log, now: rt.now }, w.notifier),
    announcer: w.announcer,
    log,
    now: rt.now,
    ...(w.slackClient ? { slack: { client: w.slackClient, ...(alertChannel ? { alertChannel } : {}) } } : {}),
  });
  const supervisor = new GrabSupervisor({
    db: rt.store.db,
    grabs,
    events,
    log,
    async prepare(grab: Grab) {
      // The grab's own size wins over config (it may have been started with --ocpus/--memory).
      const r = await grabReadiness(rt.config.oyster.oci, { ocpus: grab.request.ocpus, memoryGb: grab.request.memoryGb }, { home: rt.processEnv.HOME });
      if (!r.ready) throw notReadyError(r);
      const s = r.settings;
      return {
        client: createOciClient({ profile: s.profile, region: s.region, endpoints: s.endpoints, now: rt.now }),
        settings: s,
        now: rt.now,
        sleep: abortableSleep,
        newRetryToken: randomUUID,
        ...(s.joinFleet ? { join: w.join ?? joinWith(rt) } : {}),
      };
    },
  });
  supervisor.start();
  return supervisor;
}

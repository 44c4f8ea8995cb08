import { createOciClient } from "../../../../src/oci/client.ts";
import { GrabStore, type Grab } from "../../../../src/oci/grab/grab-store.ts";
import type { GrabCheck, GrabEvents, GrabLoopDeps } from "../../../../src/oci/grab/grab-loop.ts";
import type { GrabSettings } from "../../../../src/oci/grab/settings.ts";
import { openStore, type Store } from "../../../../src/store/index.ts";
import { silentLogger } from "../../../../src/log.ts";
import { startOciFakeApi, type FakeApi, type FakeApiOptions } from "../../../helpers/oci-standin/fake-api.ts";
import { tmpDir } from "../../../helpers/tmp-dir.ts";
import { COMPARTMENT, keys, profile } from "../fixtures.ts";

export const AD1 = "Uocm:EU-FRANKFURT-1-AD-1";
export const AD2 = "Uocm:EU-FRANKFURT-1-AD-2";

/** A clock that only moves when the loop sleeps: an hour of grabbing runs in milliseconds. */
export class FakeClock {
  t: number;
  constructor(start = Date.parse("2026-12-01T10:00:00Z")) {
    this.t = start;
  }
  now = () => new Date(this.t);
  sleep = async (ms: number, signal: AbortSignal) => {
    if (signal.aborted) return;
    this.t += ms;
    await new Promise((r) => setImmediate(r));
  };
}

export interface Recorded {
  progress: Grab[];
  ended: Grab[];
  alerts: Array<{ check: GrabCheck; severity: string; message: string }>;
  cleared: GrabCheck[];
}

export function recordingEvents(): GrabEvents & { seen: Recorded } {
  const seen: Recorded = { progress: [], ended: [], alerts: [], cleared: [] };
  return {
    seen,
    async progress(g) {
      seen.progress.push(g);
    },
    async ended(g) {
      seen.ended.push(g);
    },
    async alert(check, severity, message) {
      seen.alerts.push({ check, severity, message });
    },
    async clear(check) {
      seen.cleared.push(check);
    },
  };
}

export function settingsFor(api: FakeApi, extra: Partial<GrabSettings> = {}): GrabSettings {
  return {
    profile: { ...profile, file: "/dev/null", profile: "DEFAULT", keyFile: "/dev/null" },
    region: "eu-frankfurt-1",
    compartmentId: COMPARTMENT,
    imageId: "ocid1.image.oc1..img",
    subnetId: "ocid1.subnet.oc1..sub",
    sshPublicKeyFile: "/dev/null",
    sshPublicKey: "ssh-ed25519 AAAAC3Nza test@oyster",
    ocpus: 4,
    memoryGb: 24,
    shape: "VM.Standard.A1.Flex",
    displayName: "oyster-arm-1",
    bootVolumeSizeGb: 50,
    assignPublicIp: true,
    intervalSeconds: 60,
    maxInstances: 1,
    endpoints: { core: api.url, identity: api.url },
    joinFleet: false,
    ...extra,
  };
}

export interface LoopRig {
  api: FakeApi;
  clock: FakeClock;
  store: Store;
  grabs: GrabStore;
  events: ReturnType<typeof recordingEvents>;
  deps(extra?: Partial<GrabLoopDeps>): GrabLoopDeps;
  start(request?: Partial<Grab["request"]>): Grab;
  close(): Promise<void>;
}

/** The fake OCI API on loopback (verifying every signature), a real state.db, a fake clock. */
export async function loopRig(api: Omit<FakeApiOptions, "publicKey" | "now"> = {}, settings: Partial<GrabSettings> = {}): Promise<LoopRig> {
  const clock = new FakeClock();
  const fake = await startOciFakeApi({ publicKey: keys.publicKey, now: clock.now, ...api });
  const store = openStore(tmpDir("oyster-grab-"), clock.now);
  const grabs = new GrabStore(store.db, clock.now);
  const events = recordingEvents();
  let tokens = 0;
  const s = settingsFor(fake, settings);
  return {
    api: fake,
    clock,
    store,
    grabs,
    events,
    deps: (extra = {}) => ({
      store: grabs,
      client: createOciClient({ profile: s.profile, region: s.region, endpoints: s.endpoints, now: clock.now, timeoutMs: 5000 }),
      settings: s,
      events,
      log: silentLogger(),
      now: clock.now,
      sleep: clock.sleep,
      newRetryToken: () => `token-${++tokens}`,
      provisionPollMs: 10_000,
      ...extra,
    }),
    start: (request = {}) =>
      grabs.create({ startedBy: "cli:tester", request: { ocpus: 4, memoryGb: 24, shape: "VM.Standard.A1.Flex", displayName: "oyster-arm-1", ...request } }),
    async close() {
      await fake.close();
      store.close();
    },
  };
}

export const launches = (api: FakeApi) => api.requests.filter((r) => r.method === "POST" && r.path === "/20160918/instances");

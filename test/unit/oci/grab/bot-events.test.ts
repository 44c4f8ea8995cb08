import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AlertBook } from "../../../../src/alerts/alert-book.ts";
import type { AlertEvent } from "../../../../src/alerts/types.ts";
import { silentLogger } from "../../../../src/log.ts";
import type { Announcement } from "../../../../src/notify/announcement.ts";
import { botGrabEvents } from "../../../../src/oci/grab/bot-events.ts";
import { GrabStore } from "../../../../src/oci/grab/grab-store.ts";
import { openStore } from "../../../../src/store/index.ts";
import { tmpDir } from "../../../helpers/tmp-dir.ts";

function setup(opts: { slack?: boolean; alertChannel?: string } = {}) {
  const dir = tmpDir();
  const now = () => new Date("2026-12-01T10:00:00Z");
  const store = openStore(dir, now);
  const grabs = new GrabStore(store.db, now);
  const calls: Array<{ method: string; channel: string; ts?: string; text: string }> = [];
  const client = {
    chat: {
      postMessage: async (a: { channel: string; text: string }) => (calls.push({ method: "postMessage", ...a }), { ts: `1.${calls.length}` }),
      update: async (a: { channel: string; ts: string; text: string }) => (calls.push({ method: "update", ...a }), {}),
    },
  };
  const events: AlertEvent[] = [];
  const alerts = new AlertBook(store, { dataDir: dir, notifier: { notify: async (e) => void events.push(e) }, now, reminderMinutes: 60, retentionDays: 7, log: silentLogger() });
  const announced: Announcement[] = [];
  const e = botGrabEvents({
    grabs,
    alerts,
    announcer: { announce: async (a) => void announced.push(a) },
    log: silentLogger(),
    now,
    ...(opts.slack === false ? {} : { slack: { client, ...(opts.alertChannel ? { alertChannel: opts.alertChannel } : {}) } }),
  });
  return { store, grabs, calls, events, announced, e };
}

const request = { ocpus: 4, memoryGb: 24, shape: "VM.Standard.A1.Flex", displayName: "oyster-arm-1" };

describe("botGrabEvents: where a grab shows in the bot", () => {
  test("progress is one message in the starting channel, edited in place after that", async () => {
    const t = setup({ alertChannel: "CALERTS" });
    let grab = t.grabs.create({ startedBy: "slack:U1", request, slackChannel: "CGRAB" });
    await t.e.progress(grab);
    grab = t.grabs.update(grab.id, { attempts: 1, adErrors: { "AD-1": { at: "2026-12-01T10:00:00.000Z", action: "no_capacity", detail: "HTTP 500 InternalError Out of host capacity." } } });
    await t.e.progress(grab);
    await t.e.progress(t.grabs.get(grab.id)!);
    assert.deepEqual(t.calls.map((c) => [c.method, c.channel, c.ts]), [["postMessage", "CGRAB", undefined], ["update", "CGRAB", "1.1"], ["update", "CGRAB", "1.1"]]);
    assert.match(t.calls[2]!.text, /AD-1: HTTP 500 InternalError Out of host capacity\./);
    assert.match(t.calls[2]!.text, /1 attempt/);
    t.store.close();
  });

  test("a grab started from the CLI reports to the alert channel; with no channel at all nothing is posted", async () => {
    const t = setup({ alertChannel: "CALERTS" });
    await t.e.progress(t.grabs.create({ startedBy: "cli:ops", request }));
    assert.equal(t.calls[0]!.channel, "CALERTS");
    t.store.close();
    const none = setup({});
    await none.e.progress(none.grabs.create({ startedBy: "cli:ops", request }));
    assert.equal(none.calls.length, 0);
    none.store.close();
  });

  test("a launched grab is announced once with OCID, AD, shape, size, public IP and the SSH command", async () => {
    const t = setup({ alertChannel: "CALERTS" });
    const grab = t.grabs.create({ startedBy: "cli:ops", request });
    t.grabs.update(grab.id, { attempts: 7, instance: { id: "ocid1.instance.oc1..x", availabilityDomain: "AD-2", shape: "VM.Standard.A1.Flex", ocpus: 4, memoryGb: 24, lifecycleState: "RUNNING", publicIp: "203.0.113.7", user: "ubuntu" } });
    await t.e.ended(t.grabs.end(grab.id, "succeeded", { kind: "launched", message: "launched" }));
    assert.equal(t.announced.length, 1);
    const a = t.announced[0]!;
    assert.equal(a.key, `oci-grab:${grab.id}:launched`);
    for (const part of ["ocid1.instance.oc1..x", "AD-2", "VM.Standard.A1.Flex, 4 OCPUs / 24 GB", "203.0.113.7", "ssh ubuntu@203.0.113.7", "7 attempt"]) assert.ok(a.text.includes(part), `${part} in\n${a.text}`);
    assert.equal(a.slackChannel, undefined, "a CLI grab's success goes to the alert channel");
    t.store.close();
  });

  test("a grab that stops without an instance is not announced", async () => {
    const t = setup({ alertChannel: "CALERTS" });
    const grab = t.grabs.create({ startedBy: "cli:ops", request });
    await t.e.ended(t.grabs.end(grab.id, "stopped", { kind: "stopped", message: "stopped by cli:ops" }));
    assert.equal(t.announced.length, 0);
    assert.match(t.calls.at(-1)!.text, /stopped by cli:ops/);
    t.store.close();
  });

  test("alerts go to the alert book as source oci, fleet-wide, and clear resolves them", async () => {
    const t = setup({ slack: false });
    await t.e.alert("grab_stopped", "critical", "OCI grab #1 stopped: 401");
    await t.e.clear("grab_stopped", "grab #2 succeeded");
    assert.deepEqual(t.events.map((e) => [e.kind, e.alert.source, e.alert.check, e.alert.node, e.alert.severity]), [
      ["raised", "oci", "grab_stopped", null, "critical"],
      ["resolved", "oci", "grab_stopped", null, "critical"],
    ]);
    t.store.close();
  });

  test("Slack failing does not stop the grab: progress logs and goes on", async () => {
    const t = setup({ alertChannel: "CALERTS" });
    const failing = botGrabEvents({
      grabs: t.grabs,
      alerts: new AlertBook(t.store, { dataDir: tmpDir(), notifier: { notify: async () => {} }, reminderMinutes: 60, retentionDays: 7, log: silentLogger() }),
      announcer: { announce: async () => {} },
      log: silentLogger(),
      now: () => new Date(),
      slack: { client: { chat: { postMessage: async () => Promise.reject(new Error("slack down")), update: async () => ({}) } }, alertChannel: "CALERTS" },
    });
    await failing.progress(t.grabs.create({ startedBy: "cli:ops", request }));
    assert.equal(t.grabs.latest()!.slackTs, null);
    t.store.close();
  });
});

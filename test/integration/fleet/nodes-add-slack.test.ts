// `/oyster nodes add` from Slack against real sshd nodes: the plan shows the key the node
// presented, Confirm runs the add bound to exactly that key, and a key that changed between the
// plan and the click is refused with nothing written.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { commands as registry } from "../../../commands/index.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { handleDecision, handleSlash, type SlackDeps } from "../../../src/slack/router.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { controller, fingerprintOfNode, type FleetController } from "./fleet-controller.ts";

const pendingId = (reply: { blocks: Array<Record<string, unknown>> }) =>
  (reply.blocks.find((b) => b.type === "actions") as { elements: Array<{ value: string }> }).elements[0]!.value;

/** The bot's side for a controller: its config with UOPER an operator, its state.db, its pool. */
function slackDeps(c: FleetController): SlackDeps & { close(): Promise<void> } {
  const file = join(c.fleet.configDir, "oyster.json");
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), roles: { operators: ["UOPER"] } }));
  const config = loadConfig({ dir: c.fleet.configDir, env: c.fleet.env }).config;
  const { log } = memoryLogger("silent");
  const store = openStore(c.fleet.dataDir);
  const ssh = createSshPool(config, log, c.fleet.env);
  return {
    config, store, ssh, log, env: c.fleet.env, dataDir: c.fleet.dataDir, commands: registry, now: () => new Date(),
    close: async () => {
      await ssh.close();
      store.close();
    },
  };
}

describe("/oyster nodes add", () => {
  let rig: Rig;
  before(async () => (rig = await startRig(3)));
  after(async () => rig?.close());

  it("answers a viewer with the role it needs, and an operator with the plan: the key's fingerprint, then Confirm adds the node with exactly that key", async () => {
    const c = controller(rig, ["node-1"]);
    const d = slackDeps(c);
    try {
      const words = `nodes add node-3 --dispatch-dir ${join(rig.node("node-3").dispatchDir, "slack")}`;
      const viewer = await handleSlash(d, { text: words, userId: "UVIEW", channelId: "C1" });
      assert.match(viewer.text, /nodes needs the operator role; slack:UVIEW is viewer/);

      const plan = await handleSlash(d, { text: words, userId: "UOPER", channelId: "C1" });
      const shown = JSON.stringify(plan.blocks);
      assert.ok(shown.includes(`presents ssh-ed25519 ${fingerprintOfNode(rig, "node-3")}, NOT in known_hosts: confirming trusts exactly this key`), shown);
      assert.deepEqual(c.names(), ["node-1"], "a plan writes nothing");

      const done = await handleDecision(d, { action: "confirm", pendingId: pendingId(plan), userId: "UOPER", channelId: "C1" });
      assert.match(JSON.stringify(done.blocks), /first-check/, JSON.stringify(done));
      assert.deepEqual(c.names(), ["node-1", "node-3"]);
      assert.ok(readFileSync(c.knownHostsFile, "utf8").includes(`[127.0.0.1]:${rig.node("node-3").port} ${rig.node("node-3").hostKeyPublic}`));
      const row = d.store.audit.since(new Date(0)).find((r) => r.command === "nodes" && r.decision === "confirmed")!;
      assert.deepEqual([row.who, row.outcome, row.args.fingerprint], ["slack:UOPER", "ok", fingerprintOfNode(rig, "node-3")]);
    } finally {
      await d.close();
    }
  });

  it("refuses on Confirm a key that changed after the plan was shown, writing nothing", async () => {
    const c = controller(rig, ["node-1"]);
    const d = slackDeps(c);
    try {
      const plan = await handleSlash(d, { text: "nodes add node-2", userId: "UOPER", channelId: "C1" });
      const shownFingerprint = fingerprintOfNode(rig, "node-2");
      assert.ok(JSON.stringify(plan.blocks).includes(shownFingerprint));
      await rig.node("node-2").rekey();
      const before = c.snapshot();
      const done = await handleDecision(d, { action: "confirm", pendingId: pendingId(plan), userId: "UOPER", channelId: "C1" });
      assert.match(done.text, new RegExp(`not the expected ${shownFingerprint.replace(/[+/]/g, "\\$&")} \\(--fingerprint\\): refused, nothing written`), done.text);
      assert.equal(c.snapshot(), before);
    } finally {
      await d.close();
    }
  });
});

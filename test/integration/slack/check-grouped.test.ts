// `/oyster check` in Slack, through the stand-in and the real Bolt app: the same grouping as the
// CLI, a long node list cut with how many more, no paint, and the team's language.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { openRuntime } from "../../../src/runtime.ts";
import { createSlackApp } from "../../../src/slack/app.ts";
import { makeFleet, WRAPPER_V1 } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { startStandIn } from "../../helpers/slack-standin/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const FAILING = Array.from({ length: 11 }, (_, i) => `node-${i + 1}`);

/** The reply to `/oyster <text>` from a viewer, with a bot whose oyster.json has `locale`. */
async function askSlack(rig: Rig, locale: "en" | "zh-CN", texts: string[]) {
  // What the reply says is under test, not how long a handshake may take on a busy machine.
  const fleet = makeFleet(rig, { oyster: { locale }, ssh: { connectTimeoutMs: 15_000, commandTimeoutMs: 30_000 } });
  for (const n of FAILING) fleet.putOnNode(n, "task-wrapper.sh", "#!/bin/sh\n# task-wrapper v0\n", 0o755);
  const standIn = await startStandIn();
  const rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
  const deps = { config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log, env: fleet.env, dataDir: rt.env.dataDir, commands, now: () => new Date() };
  const slack = createSlackApp({ enabled: true, mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: standIn.apiUrl }, deps, { port: 0 });
  try {
    await slack.start();
    await standIn.waitForSocket();
    const answers: Array<{ text: string; body: string }> = [];
    for (const text of texts) {
      const r = await standIn.slashCommand({ text, user_id: "UVIEW", channel_id: "CGENERAL" });
      const id = r.responseUrl.split("/").at(-1);
      const reply = /working on|正在执行/.test(JSON.stringify(r.ack)) ? (await waitUntil(() => standIn.responses.find((x) => x.id === id), `the answer to ${text}`, 60_000)).body : r.ack!;
      const blocks = reply.blocks as Array<{ text?: { text: string } }>;
      answers.push({ text: String(reply.text), body: blocks.map((b) => b.text?.text ?? "").join("\n") });
    }
    return { answers, audit: rt.store.audit.since(new Date(0)).filter((a) => a.command === "check").map((a) => a.args) };
  } finally {
    await slack.stop();
    await rt.close();
    await standIn.close();
    for (const n of FAILING) fleet.putOnNode(n, "task-wrapper.sh", WRAPPER_V1, 0o755);
  }
}

describe("/oyster check grouped", () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig(12);
  });
  after(async () => rig?.close());

  it("names the first 8 of 11 failing nodes and how many more, in one line; --verbose gives the per-node table and is audited as given", async () => {
    const { answers, audit } = await askSlack(rig, "en", ["check wrapper_version", "check wrapper_version --verbose"]);
    const [grouped, verbose] = answers;
    assert.match(grouped!.body, /^```wrapper_version FAILED on node-1, node-2, node-3, node-4, node-5, node-6, node-7, node-8, \.\.\. and 3 more: task-wrapper\.sh differs \(node [0-9a-f]+, controller [0-9a-f]+\)\nwrapper_version passed on node-12\n/);
    assert.doesNotMatch(grouped!.body, /node-9|node-10|node-11|[\uE000\uE001\x1b✖✔]/);
    assert.match(grouped!.text, /^:warning: wrapper_version FAILED on node-1, /);
    assert.match(verbose!.body, /CHECK\s+NODE\s+RESULT\s+DETAIL/);
    assert.equal((verbose!.body.match(/^wrapper_version\s+node-\d+\s+FAILED/gm) ?? []).length, 11);
    assert.deepEqual(audit, [{ check: "wrapper_version", fix: false }, { check: "wrapper_version", fix: false, verbose: true }]);
  });

  it('reads in Chinese with "locale": "zh-CN"', async () => {
    const { answers } = await askSlack(rig, "zh-CN", ["check wrapper_version"]);
    assert.match(answers[0]!.body, /^```wrapper_version 失败（node-1, node-2, node-3, node-4, node-5, node-6, node-7, node-8 等另外 3 个节点）：task-wrapper\.sh differs .*\nwrapper_version 通过（node-12）\n通过 1，修复 0，失败 11，跳过 0，共 12 个节点```$/);
  });
});

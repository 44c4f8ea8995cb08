// `/oyster silence` through the real Bolt app and the Slack stand-in: a viewer may list silences
// (design.md's role table) but not add or remove one; an operator adds and removes without a
// confirmation step, and every attempt is audited with who and the arguments.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { SilenceTable } from "../../../src/silences/silence-table.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

describe("/oyster silence roles", () => {
  let standIn: StandIn;
  let rt: Runtime;
  let slack: SlackApp;

  before(async () => {
    const dir = tmpDir();
    const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH };
    mkdirSync(env.OYSTER_CONFIG_DIR);
    writeFileSync(join(env.OYSTER_CONFIG_DIR, "nodes.json"), JSON.stringify({ nodes: [{ name: "node-1" }] }));
    writeFileSync(join(env.OYSTER_CONFIG_DIR, "oyster.json"), JSON.stringify({ roles: { operators: ["UOPER"] } }));
    standIn = await startStandIn();
    rt = openRuntime({ processEnv: env, stderrLevel: "silent" });
    const deps = { config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log, env, dataDir: rt.env.dataDir, commands, now: () => new Date() };
    slack = createSlackApp({ enabled: true, mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: standIn.apiUrl }, deps, { port: 0 });
    await slack.start();
    await standIn.waitForSocket();
  });
  after(async () => {
    await slack?.stop();
    await rt?.close();
    await standIn?.close();
  });

  async function ask(text: string, user: string): Promise<string> {
    const r = await standIn.slashCommand({ text, user_id: user, channel_id: "CGENERAL" });
    if (!/working on/.test(JSON.stringify(r.ack))) return JSON.stringify(r.ack);
    const id = r.responseUrl.split("/").at(-1);
    return JSON.stringify((await waitUntil(() => standIn.responses.find((x) => x.id === id), `the answer to ${text}`, 30_000)).body);
  }

  const audited = (who: string) => rt.store.audit.since(new Date(0)).filter((a) => a.who === who).map((a) => [a.command, a.args.action, a.decision]);

  it("lets a viewer list silences but not add or remove one; an operator does both, unconfirmed, audited", async () => {
    assert.match(await ask("silence list", "UVIEW"), /No silences in force/);
    const refused = await ask("silence add --node node-1 --for 1h --reason reboot", "UVIEW");
    assert.match(refused, /:no_entry: silence needs the operator role; slack:UVIEW is viewer/);
    assert.match(refused, /"response_type":"ephemeral"/);
    assert.deepEqual(new SilenceTable(rt.store.db).all(), [], "nothing was stored");

    const added = await ask("silence add --node node-1 --for 1h --reason reboot", "UOPER");
    assert.match(added, /S1 node node-1, silenced until .* by slack:UOPER \(reboot\)/);
    assert.doesNotMatch(added, /Confirm|confirm/, "no confirmation step");
    assert.match(await ask("silence list", "UVIEW"), /S1 +active +node node-1/);
    assert.match(await ask("silence remove S1", "UVIEW"), /:no_entry: silence needs the operator role/);
    assert.match(await ask("silence remove S1", "UOPER"), /S1 removed/);

    assert.deepEqual(audited("slack:UVIEW"), [["silence", "list", "allowed"], ["silence", "add", "denied"], ["silence", "list", "allowed"], ["silence", "remove", "denied"]]);
    assert.deepEqual(audited("slack:UOPER"), [["silence", "add", "allowed"], ["silence", "remove", "allowed"]]);
    const add = rt.store.audit.since(new Date(0)).find((a) => a.who === "slack:UOPER" && a.args.action === "add");
    assert.deepEqual([add?.via, add?.outcome, add?.args.match, add?.args.reason], ["slack", "ok", { node: ["node-1"], tag: [], check: [], source: [] }, "reboot"]);
  });
});

// The stand-in's views.publish, driven by the real @slack/web-api client Bolt gives the bot:
// Slack's answers for a good Home view and for one Slack refuses (not a home view, over 100
// blocks, a section over 3000 characters), so the bot's Home is held to Slack's own limits.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { webApi } from "@slack/bolt";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

describe("stand-in views.publish", () => {
  let standIn: StandIn;
  let client: webApi.WebClient;

  before(async () => {
    standIn = await startStandIn();
    client = new webApi.WebClient("xoxb-test", { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } });
  });
  after(async () => standIn?.close());

  it("stores a Home view per user and answers with Slack's view object; the view id stays across publishes", async () => {
    const first = await client.views.publish({ user_id: "U1", view: { type: "home", blocks: [section("one")] } });
    assert.equal(first.ok, true);
    assert.equal(first.view?.type, "home");
    assert.deepEqual(first.view?.blocks, [section("one")]);
    const second = await client.views.publish({ user_id: "U1", view: { type: "home", blocks: [section("two")] } });
    assert.equal(second.view?.id, first.view?.id);
    assert.notEqual(second.view?.hash, first.view?.hash);
    assert.deepEqual([standIn.homeView("U1")?.publishes, standIn.homeView("U1")?.blocks], [2, [section("two")]]);
    assert.equal(standIn.homeView("U2"), undefined);
  });

  it("refuses what Slack refuses, as Slack does: invalid_arguments with the JSON pointer", async () => {
    const refused = async (view: Record<string, unknown>, pointer: RegExp, user_id = "U3") => {
      await assert.rejects(client.views.publish({ user_id, view } as never), (err: { data?: { error?: string; response_metadata?: { messages?: string[] } } }) => {
        assert.equal(err.data?.error, "invalid_arguments");
        assert.match(String(err.data?.response_metadata?.messages), pointer);
        return true;
      });
    };
    await refused({ type: "modal", title: { type: "plain_text", text: "x" }, blocks: [] }, /\/view\/type/);
    await refused({ type: "home", blocks: Array.from({ length: 101 }, () => section("x")) }, /no more than 100 items allowed \[json-pointer:\/view\/blocks\]/);
    await refused({ type: "home", blocks: [section("x".repeat(3001))] }, /\/view\/blocks\/0\/text\/text/);
    await refused({ type: "home", blocks: [section("x")] }, /user_id/, "");
    assert.equal(standIn.homeView("U3"), undefined);
    await client.views.publish({ user_id: "U3", view: { type: "home", blocks: Array.from({ length: 100 }, () => section("x".repeat(2000))) } });
    assert.equal(standIn.homeView("U3")?.blocks.length, 100);
    // Over 250 kB in all is Slack's own error.
    await assert.rejects(client.views.publish({ user_id: "U3", view: { type: "home", blocks: Array.from({ length: 100 }, () => section("x".repeat(3000))) } }), /view_too_large/);
  });
});

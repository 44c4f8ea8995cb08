// The notification text of every reply (what Slack shows in a notification and as fallback) is
// parsed like mrkdwn: data in it must be escaped as in the blocks, or `<!channel>` pings everyone.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { noPositionals } from "../../../../src/command/arg-schemas.ts";
import { defineCommand } from "../../../../src/command/types.ts";
import { OysterError } from "../../../../src/errors.ts";
import { errorReply, planReply, resultReply } from "../../../../src/slack/render/messages.ts";

const HOSTILE = "<!channel> <https://evil.example|your logs> & more";
const ESCAPED = "&lt;!channel&gt; &lt;https://evil.example|your logs&gt; &amp; more";

const echo = defineCommand({
  name: "echo", summary: "test: says what it is given", usage: "echo", role: "viewer", changesState: false,
  schema: z.object({ _: noPositionals }), run: async () => ({ ok: true, data: {} }),
  text: () => `unit state: ${HOSTILE}\nsecond line`,
});

describe("Slack reply text", () => {
  it("escapes a command's output in the notification text, ok or not", () => {
    assert.equal(resultReply(echo, {}, true, "in_channel").text, `unit state: ${ESCAPED}`);
    assert.equal(resultReply(echo, {}, false, "in_channel").text, `:warning: unit state: ${ESCAPED}`);
  });

  it("escapes an error's message in the notification text", () => {
    assert.equal(errorReply(new OysterError("SshTimeout", HOSTILE)).text, `SshTimeout: ${ESCAPED}`);
  });

  it("escapes the command line in a plan's notification text and its dialog", () => {
    const plan = planReply("UOPER", `ack A1 --reason ${HOSTILE}`, undefined, "p1");
    assert.equal(plan.text, `Confirm: /oyster ack A1 --reason ${ESCAPED}`);
    assert.doesNotMatch(JSON.stringify(plan), /<!channel>|<https:/);
  });

  it("never cuts an entity in half when the text is too long", () => {
    const long = defineCommand({ ...echo, text: () => "<".repeat(400) });
    const text = resultReply(long, {}, true, "ephemeral").text;
    assert.ok(text.length <= 300, `${text.length} characters`);
    assert.match(text, /^(&lt;)+…$/);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildReport } from "../../../src/report/build-report.ts";
import { escapeMrkdwn, MAX_BLOCKS, renderBlocks, type Block } from "../../../src/report/render/blocks.ts";
import { renderText, TEXT_LIST_ITEMS } from "../../../src/report/render/text.ts";
import type { DailyReport } from "../../../src/report/types.ts";
import { hoursAgo, install, now, populated, REACH, type TaskRow, writeDispatchDb } from "./fixture.ts";

type Text = { type: string; text: string };

/** Every limit Slack enforces on what renderBlocks produces. */
function assertWithinLimits(blocks: Block[]): void {
  assert.ok(blocks.length <= MAX_BLOCKS, `${blocks.length} blocks`);
  for (const b of blocks) {
    if (b.type === "header") assert.ok((b.text as Text).text.length <= 150);
    if (b.type === "section") {
      assert.ok((b.text as Text).text.length <= 3000, `section text of ${(b.text as Text).text.length}`);
      const fields = (b.fields ?? []) as Text[];
      assert.ok(fields.length <= 10, `${fields.length} fields`);
      for (const f of fields) assert.ok(f.text.length <= 2000);
    }
  }
}

const allText = (blocks: Block[]) => JSON.stringify(blocks);

const failedTasks = (n: number): TaskRow[] =>
  Array.from({ length: n }, (_, i) => ({
    project: `proj-${i % 7}`, status: "failed", created: hoursAgo(10), finished: hoursAgo(9 - i / 100), node: `node-${i % 4}`,
    error: `<boom> & ${"x".repeat(300)} ${i}`,
  }));

describe("Block Kit report", () => {
  it("stays within Block Kit's limits with 200 failed tasks, and says how many are left out", async () => {
    const inst = install();
    writeDispatchDb(inst.dispatchDir, failedTasks(200));
    const r = await buildReport({ config: inst.config, store: inst.store, now, reachability: async () => REACH });
    const blocks = renderBlocks(r);
    assertWithinLimits(blocks);
    const failed = blocks.find((b) => b.type === "section" && (b.text as Text).text.startsWith("*failed*")) as { text: Text };
    const shown = failed.text.text.split("\n• ").length - 1;
    assert.ok(shown > 0 && shown <= 10);
    assert.match(failed.text.text, new RegExp(`_\\.\\.\\. and ${200 - shown} more_$`));
  });

  it("stays within the limits when every list and every fact overflows", async () => {
    const inst = await populated();
    const base = await buildReport({ config: inst.config, store: inst.store, now, reachability: async () => REACH });
    const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
    const huge: DailyReport = {
      ...base,
      nodes: { ...base.nodes, total: 500, up: 0, down: 500, nodes: many(500, (i) => ({ node: `n${i}`, up: false, error: "<x>".repeat(500), uptimePercent: 1 })) },
      alerts: { opened: 900, resolved: 0, stillOpen: 900, open: many(50, (i) => ({ id: `A${i}`, source: "guardian", check: "c", node: `n${i}`, nodes: [], severity: "critical", status: "open", firstSeen: base.generatedAt, message: "&".repeat(2000) })) },
      quota: { state: "configured", accounts: many(40, (i) => ({ provider: "openai", account: `acct-${i}-${"<".repeat(1500)}`, usedPercent: null, note: "no data yet" })) },
    };
    const blocks = renderBlocks(huge);
    assertWithinLimits(blocks);
    assert.match(allText(blocks), /and 31 more/, "quota fields cut to 10 with a count of the rest");
  });

  it("escapes &, < and > in mrkdwn so untrusted text cannot mention or link", async () => {
    const inst = await populated();
    const blocks = renderBlocks(await buildReport({ config: inst.config, store: inst.store, now, reachability: async () => REACH }));
    const text = allText(blocks);
    assert.ok(!text.includes("<script>"));
    assert.match(text, /&lt;script&gt;alert\('x'\)&lt;\/script&gt; &amp; more/);
    assert.equal(escapeMrkdwn("<!channel> & <@U1>"), "&lt;!channel&gt; &amp; &lt;@U1&gt;");
  });

  it("cuts the terminal text to ten failures with a count of the rest", async () => {
    const inst = install();
    writeDispatchDb(inst.dispatchDir, failedTasks(200));
    const text = renderText(await buildReport({ config: inst.config, store: inst.store, now, reachability: async () => REACH }));
    assert.equal((text.match(/^ +(failed: )? *#\d+ /gm) ?? []).length, TEXT_LIST_ITEMS);
    assert.match(text, /\.\.\. and 190 more$/m);
    assert.ok(text.split("\n").length < 40, "still readable at a glance");
  });
});

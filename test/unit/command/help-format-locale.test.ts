// help's text and Slack blocks in the reader's language; the data (--json) stays English.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { helpBlocks, helpText, type HelpData } from "../../../src/command/help-format.ts";
import { commandHelp } from "../../../src/locale/zh-CN/command-help.ts";
import { plainView } from "../../../src/render/view.ts";

const data: HelpData = {
  commands: [
    { name: "status", usage: "status [node...] [--json]", summary: "Reachability, latency", role: "viewer", roleForms: [], changesState: false },
    { name: "report", usage: "report [--send]", summary: "The daily report now", role: "viewer", roleForms: [{ form: "--send", role: "operator" }], changesState: false },
  ],
};

const blockText = (blocks: unknown[]) => (blocks as Array<{ text: { text: string } }>).map((b) => b.text.text).join("\n");

describe("help in zh-CN", () => {
  it("the CLI list: Chinese headings and summaries, usage lines and role names as defined", () => {
    const text = helpText(data, plainView("zh-CN", 200));
    assert.match(text, /^用法：oyster <command>/);
    assert.ok(text.includes(`  viewer    status [node...] [--json]\n            ${commandHelp.status!.summary}`), text);
    assert.ok(text.includes("            operator: --send"), text);
    assert.equal(text.includes("Reachability"), false);
  });

  it("Slack's blocks: a Chinese heading and summaries, /oyster usage lines unchanged", () => {
    const text = blockText(helpBlocks(data, plainView("zh-CN")));
    assert.match(text, /^你在这里可以运行的命令/);
    assert.ok(text.includes("`/oyster status [node...] [--json]`"));
    assert.ok(text.includes(`*viewer* (operator: --send): ${commandHelp.report!.summary}`), text);
  });

  it("English as before when the view is English or absent", () => {
    assert.equal(blockText(helpBlocks(data, plainView("en"))), blockText(helpBlocks(data)));
    assert.match(blockText(helpBlocks(data)), /^Commands you may run here/);
    assert.equal(helpText(data, plainView("en", 80)), helpText(data, { columns: 80 } as never));
  });
});

// The daily report with `"locale": "zh-CN"`: text, HTML and Block Kit in Chinese from the same
// data, the report's JSON (and so its data's headline) unchanged, down nodes that fail alike
// grouped on one line.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildReport } from "../../../src/report/build-report.ts";
import { composeMessage } from "../../../src/report/compose-message.ts";
import { renderBlocks } from "../../../src/report/render/blocks.ts";
import { renderHtml } from "../../../src/report/render/html.ts";
import { renderText } from "../../../src/report/render/text.ts";
import { displayWidth } from "../../../src/render/paint.ts";
import { plainView } from "../../../src/render/view.ts";
import { install, now, populated, REACH } from "../report/fixture.ts";

const zh = plainView("zh-CN");
const TITLES_EN = ["Nodes ", "Tasks ", "Alerts ", "Fixes ", "API quota", "Backup ", "Sync ", "Jobs "];
const LABELS_EN = ["uptime 24 h", "down now", "still open", "by project", "over a resource threshold", "caught up", "fleet average", "in 24 h", "daily report"];

async function report() {
  const inst = await populated();
  return buildReport({ config: inst.config, store: inst.store, now, reachability: async () => REACH });
}

describe("the report in Chinese", () => {
  it("writes the text report's headline, sections and lists in Chinese; names, ids, times and errors stay", async () => {
    const r = await report();
    const text = renderText(r, zh);
    const lines = text.split("\n");
    assert.equal(lines[0], "Oyster 日报 2026-11-27：3/4 个节点在线，4 个任务失败，2 条告警未处理");
    assert.equal(lines[1], "截至 2026-11-27 09:00 UTC 的 24 小时");
    for (const want of [
      /^节点\s+当前 3\/4 在线，1 个离线，1 个超出资源阈值$/m,
      /^\s+24 小时在线率：全集群平均 90\.3%$/m,
      /^\s+当前离线：node-b：SshTimeout: node-b: no SSH answer within 5000 ms$/m,
      /^任务\s+24 小时内 12 个任务：失败 4，运行中 1，待处理 1，已完成 5，已取消 1$/m,
      /#5 web 节点 node-c 于 2026-11-27 07:30 UTC：exit 1/,
      /^告警\s+新增 2，已恢复 1，仍未处理 2$/m,
      /仍未处理：A2 严重 node-b 上的 node_availability，自 2026-11-26 03:00 UTC 起：node-b unreachable$/m,
      /A4 警告 node-a 上的 param_alignment（已确认），自 2026-11-27 07:00 UTC 起/,
      /^自动修复\s+共 2 次：成功 1，失败 1$/m,
      /^快照备份\s+5h 42m前，12\.3 MiB，已校验$/m,
      /^同步\s+1h 59m前，正常：pushed task-wrapper.sh/m,
      /^定时作业\s+24 小时内运行 7 次，失败 2 次，1 个作业补跑$/m,
    ]) assert.match(text, want);
    for (const english of [...TITLES_EN, ...LABELS_EN]) assert.ok(!lines.some((l) => l.startsWith(english) || l.includes(`${english}:`)), `no "${english}" in\n${text}`);
    // Section titles line up as a terminal shows them: the summaries start in one column.
    for (const title of ["节点", "任务", "告警", "自动修复", "API 配额", "快照备份", "同步", "定时作业"]) {
      const line = lines.find((l) => l.startsWith(`${title} `))!;
      assert.equal(displayWidth(title) + /^ +/.exec(line.slice(title.length))![0].length, 11, `"${line}": its summary starts at column 11`);
    }
  });

  it("keeps the report's JSON (its data, headline included) English", async () => {
    const r = await report();
    assert.match(r.headline, /^Oyster daily report 2026-11-27: 3\/4 nodes up/);
    const message = composeMessage(r, zh);
    assert.equal(message.subject, "Oyster 日报 2026-11-27：3/4 个节点在线，4 个任务失败，2 条告警未处理");
    assert.match(message.html, /<html lang="zh-CN">/);
    assert.match(message.html, /<h2[^>]*>节点<\/h2>/);
    assert.match(message.html, /color:#b00020"><strong>当前离线<\/strong>/, "alarming lists stay red in Chinese");
    assert.match(renderHtml(r), /color:#b00020"><strong>down now<\/strong>/);
  });

  it("writes Slack's blocks in Chinese", async () => {
    const r = await report();
    const blocks = renderBlocks(r, zh) as Array<{ type: string; text?: { text: string } }>;
    assert.equal(blocks[0]!.text!.text, "Oyster 日报 2026-11-27");
    const s = JSON.stringify(blocks);
    for (const want of ["*节点*  当前 3/4 在线", "*告警*  新增 2", "*仍未处理*", "*快照备份*", "*同步*", "*定时作业*"]) assert.ok(s.includes(want), `${want} in ${s}`);
    for (const english of ["*Nodes*", "*Alerts*", "*still open*", "*Backup*", "*Jobs*", "up now"]) assert.ok(!s.includes(english), `no ${english}`);
  });

  it("groups down nodes that fail the same way into one line naming them, in both languages", async () => {
    const inst = install({ nodes: ["n1", "n2", "n3", "n4"] });
    const refused = "SshUnreachable: connect ECONNREFUSED";
    const r = await buildReport({
      config: inst.config, store: inst.store, now,
      reachability: async () => [
        { node: "n1", up: false, error: refused }, { node: "n2", up: false, error: "SshTimeout: no answer" },
        { node: "n3", up: false, error: refused }, { node: "n4", up: true },
      ],
    });
    assert.match(renderText(r), /down now: n1, n3: SshUnreachable: connect ECONNREFUSED\n\s+n2: SshTimeout: no answer/);
    assert.match(renderText(r, zh), /当前离线：n1, n3：SshUnreachable: connect ECONNREFUSED\n\s+n2：SshTimeout: no answer/);
  });

  it("cuts a long group of down nodes with a count", async () => {
    const names = Array.from({ length: 14 }, (_, i) => `n${i + 1}`);
    const inst = install({ nodes: names });
    const r = await buildReport({ config: inst.config, store: inst.store, now, reachability: async () => names.map((node) => ({ node, up: false, error: "SshTimeout: no answer" })) });
    assert.match(renderText(r), /down now: n1, n10, n11, n12, n13, n14, n2, n3, n4, n5, \.\.\. and 4 more: SshTimeout: no answer$/m);
    assert.match(renderText(r, zh), /当前离线：n1, n10, n11, n12, n13, n14, n2, n3, n4, n5 等 4 个：SshTimeout: no answer$/m);
  });
});

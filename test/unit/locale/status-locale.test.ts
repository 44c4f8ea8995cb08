// `status` in the view's language and paint: Chinese headings that line up on a terminal, a down
// node that stands out there, and the English text exactly as it always was.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { status, type StatusData } from "../../../commands/status.ts";
import { displayWidth, resolvePaint, terminalPaint } from "../../../src/render/paint.ts";
import { makeView, plainView } from "../../../src/render/view.ts";

const GiB = 1024 ** 3;
const data: StatusData = {
  nodes: [
    { name: "node-1", reachable: true, latencyMs: 12, uptimeSeconds: 93784, load: [0.1, 0.2, 0.3], disk: { mount: "/", usedPercent: 40 } as never, memory: { availablePercent: 60, availableBytes: 4.8 * GiB, totalBytes: 8 * GiB } },
    { name: "node-2", reachable: false, latencyMs: null, error: "connect ECONNREFUSED 127.0.0.1:2202", errorCode: "SshUnreachable" },
  ],
  dispatch: { configured: true, dir: "/d", tasks: { pending: 2, running: 1 } } as never,
  paused: [{ node: "node-1", account: "zai:glm", pausedAt: "2026-12-07T08:00:00.000Z", reason: "zai:glm exhausted", resetsAt: "2026-12-07T10:00:00.000Z" }],
  draining: [{ node: "node-3", by: "cli:alice", reason: "kernel upgrade", since: "2026-12-07T07:00:00.000Z" }],
};

const zh = plainView("zh-CN");

describe("status in the configured language", () => {
  it("keeps the English text as it was", () => {
    const text = status.text(data, plainView("en"));
    assert.match(text, /^NODE\s+STATE\s+LATENCY\s+UPTIME\s+LOAD\s+DISK\s+MEMORY FREE$/m);
    assert.match(text, /^node-2\s+DOWN\s+-\s+-\s+SshUnreachable: connect ECONNREFUSED/m);
    assert.match(text, /^dispatch: tasks pending 2, running 1$/m);
    assert.match(text, /^paused by the monitor: node-1 \(zai:glm exhausted, resets 2026-12-07T10:00:00.000Z\)$/m);
    assert.match(text, /^draining: node-3 drained by cli:alice since 2026-12-07 07:00 UTC \(kernel upgrade\)$/m);
  });

  it("writes the table, dispatch, paused and draining lines in Chinese, names and error codes untouched", () => {
    const text = status.text(data, zh);
    const [head] = text.split("\n");
    assert.match(head!, /^节点\s+状态\s+延迟\s+运行时长\s+负载\s+磁盘\s+可用内存$/);
    assert.match(text, /^node-1\s+在线\s+12 ms\s+1d 2h\s+0.1 0.2 0.3/m);
    assert.match(text, /^node-2\s+离线\s+-\s+-\s+SshUnreachable: connect ECONNREFUSED 127\.0\.0\.1:2202$/m);
    assert.match(text, /^dispatch：任务 待处理 2，运行中 1$/m);
    assert.match(text, /^已被监控暂停：node-1（zai:glm exhausted，2026-12-07T10:00:00.000Z 重置）$/m);
    assert.match(text, /^排空中：node-3 由 cli:alice 于 2026-12-07 07:00 UTC 起排空（kernel upgrade）$/m);
    for (const english of ["NODE", "STATE", "DOWN", "MEMORY FREE", "paused by the monitor", "draining:", "dispatch: tasks"]) assert.ok(!text.includes(english), `no "${english}" in\n${text}`);
  });

  it("lines the Chinese columns up as a terminal shows them (two columns per character)", () => {
    const lines = status.text(data, zh).split("\n").slice(0, 3);
    // The state column starts at the same display column on every row.
    const stateAt = (line: string, word: string) => displayWidth(line.slice(0, line.indexOf(word)));
    assert.equal(stateAt(lines[0]!, "状态"), stateAt(lines[1]!, "在线"));
    assert.equal(stateAt(lines[1]!, "在线"), stateAt(lines[2]!, "离线"));
    assert.equal(stateAt(lines[0]!, "延迟"), stateAt(lines[1]!, "12 ms"));
  });

  it("on a colour terminal marks a down node and paints it red, and leaves an up node quiet", () => {
    const painted = resolvePaint(status.text(data, makeView("en", terminalPaint(true), 120)), true);
    const [, up, down] = painted.split("\n");
    assert.match(down!, /\x1b\[1;31mnode-2\x1b\[0m/);
    assert.match(down!, /✖/);
    assert.match(down!, /\x1b\[1;31mDOWN\x1b\[0m/);
    assert.doesNotMatch(up!, /✖|\x1b\[1;31m|\x1b\[32m/, "an up node does not shout");
    assert.match(up!, /\x1b\[2mup\x1b\[0m/, "its state is dim");
    // Without colour the symbol stays and no escape is written.
    const plainTerminal = resolvePaint(status.text(data, makeView("en", terminalPaint(false), 120)), false);
    assert.doesNotMatch(plainTerminal, /\x1b/);
    assert.match(plainTerminal, /✖ DOWN/);
  });

  it("writes Slack's blocks in Chinese", () => {
    const blocks = JSON.stringify(status.blocks!(data, zh));
    for (const want of ["1/2 个节点在线", "已运行 1d 2h", "负载 0.1 0.2 0.3", "可用内存 60%", "dispatch：任务 待处理 2，运行中 1", "*node-2*  SshUnreachable: connect ECONNREFUSED"]) {
      assert.ok(blocks.includes(want), `${want} in ${blocks}`);
    }
    assert.ok(!/nodes up|memory .* free|, load /.test(blocks), blocks);
    const en = JSON.stringify(status.blocks!(data, plainView("en")));
    assert.ok(en.includes("*1/2 nodes up*") && en.includes("12 ms, up 1d 2h, load 0.1 0.2 0.3, disk 40% /, memory 60% (4.8 of 8 GiB) free"), en);
  });
});

// The Home tab's Block Kit: grouped names for a large fleet, Slack's limits kept, data escaped,
// and the headings in the configured language.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FleetHome, HomeAlert } from "../../../src/app-home/fleet-home.ts";
import { HOME_BLOCKS_MAX, homeView } from "../../../src/app-home/home-view.ts";
import { plainView } from "../../../src/render/view.ts";

const AT = "2026-12-07T12:00:00.000Z";

function fleet(over: Partial<FleetHome> = {}): FleetHome {
  return {
    at: AT,
    nodes: { total: 3, groups: { down: ["node-2"], draining: [], paused: [], up: ["node-1", "node-3"], unknown: [] }, sampledAt: "2026-12-07T11:55:00.000Z", dispatchRead: true },
    alerts: [],
    quota: [],
    jobs: [{ job: "guardian", outcome: "ok", startedAt: "2026-12-07T11:55:00.000Z", summary: "all passed" }, { job: "backup", outcome: null, startedAt: null, summary: null }],
    ...over,
  };
}

const alert = (i: number, over: Partial<HomeAlert> = {}): HomeAlert => ({
  id: `A-${String(i).padStart(4, "0")}`, severity: "critical", status: "open", check: "node_availability", node: `node-${i}`, nodes: [], since: AT, ackBy: null, snoozedUntil: null, ...over,
});

const texts = (blocks: unknown[]) => JSON.stringify(blocks);
type Block = { type: string; text?: { text: string }; elements?: Array<{ text: string }> };

describe("homeView", () => {
  it("shows every node of a small fleet by condition, the guardian's reading time, and the jobs", () => {
    const v = homeView(fleet(), plainView("en"));
    assert.equal(v.type, "home");
    const all = texts(v.blocks);
    assert.match(all, /:red_circle: \*Down\* \(1\): node-2/);
    assert.match(all, /\*Up\* \(2\): node-1, node-3/);
    assert.match(all, /As of the guardian's last reading, 2026-12-07 11:55 UTC/);
    assert.match(all, /No open alerts/);
    assert.match(all, /\*guardian\*: ok at 2026-12-07 11:55 UTC: all passed/);
    assert.match(all, /\*backup\*: never run/);
  });

  it("groups a fifty-node fleet: the healthy counted, the down named, well under Slack's limits", () => {
    const up = Array.from({ length: 48 }, (_, i) => `node-${i + 10}`);
    const alerts = Array.from({ length: 120 }, (_, i) => alert(i));
    const v = homeView(fleet({ nodes: { total: 50, groups: { down: ["node-2", "node-7"], draining: [], paused: [], up, unknown: [] }, sampledAt: AT, dispatchRead: true }, alerts }), plainView("en"));
    const all = texts(v.blocks);
    assert.match(all, /\*Up\*: 48 nodes/);
    assert.match(all, /\*Down\* \(2\): node-2, node-7/);
    const nodesSection = (v.blocks as Block[])[(v.blocks as Block[]).findIndex((b) => b.type === "header" && b.text!.text === "Nodes (50)") + 1]!;
    assert.doesNotMatch(nodesSection.text!.text, /node-33/, "healthy nodes are counted, not listed");
    assert.match(all, /and 80 more: `\/oyster alerts`/);
    assert.ok(v.blocks.length <= HOME_BLOCKS_MAX);
    for (const b of v.blocks as Block[]) {
      if (b.type === "section") assert.ok(b.text!.text.length <= 3000, `${b.text!.text.length} characters`);
      if (b.type === "header") assert.ok(b.text!.text.length <= 150);
    }
  });

  it("cuts a long list of down nodes with 'and N more'", () => {
    const down = Array.from({ length: 45 }, (_, i) => `n${i}`);
    const v = homeView(fleet({ nodes: { total: 45, groups: { down, draining: [], paused: [], up: [], unknown: [] }, sampledAt: AT, dispatchRead: true } }), plainView("en"));
    assert.match(texts(v.blocks), /\*Down\* \(45\): n0, n1, .*n39 and 5 more/);
  });

  it("escapes data for mrkdwn: an alert's check, a job's summary, a quota account cannot mention or link", () => {
    const v = homeView(
      fleet({
        alerts: [alert(1, { check: "<!channel>", node: "a&b", ackBy: "cli:<bob>", status: "acknowledged" })],
        quota: [{ account: "zai:<!here>", window: "5h", usedPct: 91.6, status: "low", resetsAt: AT, at: AT, stale: false }],
        jobs: [{ job: "sync", outcome: "failed", startedAt: AT, summary: "<https://evil|click> & more" }],
      }),
      plainView("en"),
    );
    const all = texts(v.blocks);
    assert.doesNotMatch(all, /<!channel>|<!here>|<https:\/\/evil/);
    assert.match(all, /&lt;!channel&gt;/);
    assert.match(all, /a&amp;b/);
    assert.match(all, /acknowledged by cli:&lt;bob&gt;/);
    assert.match(all, /zai:&lt;!here&gt;\* 5h: 92% used, resets 2026-12-07 12:00 UTC/);
  });

  it("says when a node set is unread and when the guardian never ran", () => {
    const v = homeView(fleet({ nodes: { total: 1, groups: { down: [], draining: [], paused: [], up: [], unknown: ["n1"] }, sampledAt: null, dispatchRead: false } }), plainView("en"));
    const all = texts(v.blocks);
    assert.match(all, /Not checked yet\* \(1\): n1/);
    assert.match(all, /The guardian has not checked the nodes yet/);
    assert.match(all, /dispatch.db could not be read/);
  });

  it("reads in Chinese with locale zh-CN: headings, states, severities and job outcomes", () => {
    const v = homeView(fleet({ alerts: [alert(3, { severity: "warning" })] }), plainView("zh-CN"));
    const headers = (v.blocks as Block[]).filter((b) => b.type === "header").map((b) => b.text!.text);
    assert.deepEqual(headers, ["Oyster 节点总览", "节点（3）", "未关闭的告警（1）", "接近上限的额度", "各任务最近一次运行"]);
    const all = texts(v.blocks);
    assert.match(all, /\*离线\*（1）：node-2/);
    assert.match(all, /\*警告\*/);
    assert.match(all, /\*guardian\*：成功/);
    assert.doesNotMatch(all, /Open alerts|Nodes \(/);
  });
});

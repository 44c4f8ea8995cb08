// The hook install-agent-hooks puts on a node, run there as Claude Code runs its status line: the
// feed holds only the rate limits and a time (never the session's cwd, transcript path or ids),
// a payload without rate limits does not wipe a reading, and the monitor reads the feed back:
// `oyster quota --json` shows the plan's windows with the node and source they came from.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { putAgentFile } from "../../helpers/agent-files.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { inProcessCli } from "../../helpers/in-process-cli.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { CWD, runOnNode, SESSION_ID, snapshot, statusPayload, TRANSCRIPT } from "./claude-fixture.ts";

const sec = (ms: number) => Math.floor(ms / 1000);

describe("the Claude status-line hook on a node", () => {
  let rig: Rig;
  let fleet: Fleet;
  const claude = (node: string, file = "") => join(rig.node(node).dir, "claude", file);
  const feedOf = (node: string) => JSON.parse(readFileSync(claude(node, "oyster-rate-limits.json"), "utf8"));
  /** Runs the status line settings.json now names, as Claude Code would. */
  const statusLine = (node: string, payload: string) => runOnNode(rig, node, JSON.parse(readFileSync(claude(node, "settings.json"), "utf8")).statusLine.command, payload);

  before(async () => {
    rig = await startRig(2);
    fleet = makeFleet(rig, { oyster: { monitor: { agents: [{ provider: "claude", label: "max", dir: `${rig.dir}/{node}/claude` }] } } });
    putAgentFile(rig.node("node-1"), "claude/settings.json", JSON.stringify({ statusLine: { type: "command", command: "printf 'my line'" } }));
    putAgentFile(rig.node("node-2"), "claude/settings.json", "{}");
    const { code, stdout } = await inProcessCli(fleet.env)(["install-agent-hooks", "--all", "--yes"]);
    assert.equal(code, 0, stdout);
  });
  after(async () => rig?.close());

  it("writes rate_limits: null while there is no reading yet, and still prints the previous line", async () => {
    const r = await statusLine("node-1", statusPayload());
    assert.deepEqual([r.code, r.stdout], [0, "my line"]);
    const feed = feedOf("node-1");
    assert.deepEqual([feed.version, feed.rate_limits], [1, null]);
  });

  it("writes only version, written_at and rate_limits, privately and whole: no cwd, transcript path or session id", async () => {
    const t0 = Date.now();
    const limits = { five_hour: { used_percentage: 23.5, resets_at: sec(t0) + 7200 }, seven_day: { used_percentage: 41.2, resets_at: sec(t0) + 3 * 86_400 } };
    const r = await statusLine("node-1", statusPayload(limits));
    assert.deepEqual([r.code, r.stdout], [0, "my line"]);
    const text = readFileSync(claude("node-1", "oyster-rate-limits.json"), "utf8");
    const feed = JSON.parse(text);
    assert.deepEqual(Object.keys(feed), ["version", "written_at", "rate_limits"]);
    assert.deepEqual(feed.rate_limits, limits);
    assert.match(feed.written_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(Date.parse(feed.written_at) >= t0 - 1000 && Date.parse(feed.written_at) <= Date.now(), feed.written_at);
    for (const leak of [SESSION_ID, TRANSCRIPT, CWD, "secret-project", "claude-opus", "total_cost_usd"]) assert.ok(!text.includes(leak), `the feed holds ${leak}`);
    assert.equal(snapshot(claude("node-1", "oyster-rate-limits.json"))!.mode, 0o600);
    assert.deepEqual(readdirSync(claude("node-1")).filter((f) => f.endsWith(".tmp")), []);
  });

  it("a later payload without rate_limits (a new session before its first answer) leaves the reading in place", async () => {
    const was = snapshot(claude("node-1", "oyster-rate-limits.json"));
    const r = await statusLine("node-1", statusPayload());
    assert.deepEqual([r.code, r.stdout], [0, "my line"]);
    assert.deepEqual(snapshot(claude("node-1", "oyster-rate-limits.json")), was);
  });

  it("oyster quota --json shows the claude windows, 5h and weekly, from the node and source that read them", async () => {
    // node-2's feed is newer but has no windows: it never hides node-1's reading.
    await statusLine("node-2", statusPayload());
    assert.equal(feedOf("node-2").rate_limits, null);
    const feed = feedOf("node-1");
    const { code, doc } = await fleet.oyster(["quota"]);
    assert.equal(code, 0, JSON.stringify(doc));
    const windows = (doc.windows as Array<Record<string, unknown>>).filter((w) => w.provider === "claude");
    assert.deepEqual(
      windows.map((w) => [w.account, w.window, w.usedPct, w.resetsAt, w.node, w.source, w.readingAt, w.status]).sort(),
      [
        ["max", "5h", 23.5, new Date(feed.rate_limits.five_hour.resets_at * 1000).toISOString(), "node-1", "statusline", feed.written_at, "ok"],
        ["max", "weekly", 41.2, new Date(feed.rate_limits.seven_day.resets_at * 1000).toISOString(), "node-1", "statusline", feed.written_at, "ok"],
      ],
    );
  });
});

// monitor.agents: each plan's provider, source and dir checked at load, defaults filled in, and
// an account listed twice refused (it would be read twice and fight over its nodes).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../../src/errors.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { configDir, HOME_ENV, thrown } from "./config-dir.ts";

const load = (agents: unknown, extra: Record<string, unknown> = {}) => loadConfig({ dir: configDir({ "oyster.json": { monitor: { agents, ...extra } } }), env: HOME_ENV }).config;

function problems(agents: unknown, extra: Record<string, unknown> = {}): string[] {
  const err = thrown(() => load(agents, extra));
  assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
  return err.problems;
}

describe("monitor.agents", () => {
  it("fills each provider's default source and dir, and agentStaleHours 6", () => {
    const c = load([{ provider: "codex", label: "pro" }, { provider: "claude", label: "max", nodes: ["n1"], dir: "/srv/{node}/claude" }]);
    assert.deepEqual(c.oyster.monitor.agents.map((a) => [a.provider, a.label, a.source, a.dir, a.nodes, a.tags]), [
      ["codex", "pro", "sessions", "~/.codex", [], []],
      ["claude", "max", "statusline", "/srv/{node}/claude", ["n1"], []],
    ]);
    assert.equal(c.oyster.monitor.agentStaleHours, 6);
  });

  it("refuses a source of the other provider, an unknown provider and other braces in dir, all at once", () => {
    const found = problems([
      { provider: "codex", label: "a", source: "statusline" },
      { provider: "gemini", label: "b" },
      { provider: "claude", label: "c", dir: "/srv/{user}/claude" },
    ]);
    assert.equal(found.length, 3, found.join("\n"));
    assert.match(found[0]!, /^oyster\.json: monitor\.agents\[0\]\.source: expected a codex source: sessions or app-server, got "statusline"$/);
    assert.match(found[1]!, /^oyster\.json: monitor\.agents\[1\]\.provider: expected "codex" or "claude"/);
    assert.match(found[2]!, /^oyster\.json: monitor\.agents\[2\]\.dir: only \{node\} may stand in/);
  });

  it("refuses an account listed twice", () => {
    assert.deepEqual(problems([{ provider: "codex", label: "d" }, { provider: "codex", label: "d", tags: ["x"] }]), ["oyster.json: monitor.agents[1].label: codex:d is listed twice"]);
  });

  it("lets monitor.pauseNodes name an agent plan", () => {
    const c = load([{ provider: "codex", label: "pro" }], { pauseNodes: [{ account: "codex:pro", nodes: ["n1"] }] });
    assert.equal(c.oyster.monitor.pauseNodes[0]!.account, "codex:pro");
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { configDir, HOME_ENV } from "./config-dir.ts";

describe("loadConfig unknown keys", () => {
  it("warns about unknown keys at every nesting level with their path, and still loads the data", () => {
    const dir = configDir({
      "nodes.json": { nodes: [{ name: "n1" }, { name: "n2", hots: "10.0.0.2", port: 2222 }], version: 2 },
      "guardian_config.json": { interval_seconds: 60, checks: { db_schema: false, disk_space: true } },
      "oyster.json": {
        ssh: { conectTimeoutMs: 1000, concurrency: 4 },
        monitor: { providers: { anthropic: [{ label: "a", keyEnv: "A_KEY", region: "eu" }], mistral: [] } },
        guardian: { params: { facts: [{ name: "py", command: "python3 -V", expect: "same", note: "x" }] } },
        colour: "blue",
      },
    });
    const { config, warnings } = loadConfig({ dir, env: HOME_ENV });
    assert.deepEqual(warnings.sort(), [
      "guardian_config.json: checks.disk_space: unknown key (ignored)",
      "nodes.json: nodes[1].hots: unknown key (ignored)",
      "nodes.json: version: unknown key (ignored)",
      "oyster.json: colour: unknown key (ignored)",
      "oyster.json: guardian.params.facts[0].note: unknown key (ignored)",
      "oyster.json: monitor.providers.anthropic[0].region: unknown key (ignored)",
      "oyster.json: monitor.providers.mistral: unknown key (ignored)",
      "oyster.json: ssh.conectTimeoutMs: unknown key (ignored)",
    ]);
    assert.equal(config.nodes[1]?.port, 2222);
    assert.equal("hots" in config.nodes[1]!, false, "unknown keys are dropped from the data");
    assert.equal(config.guardian.interval_seconds, 60);
    assert.equal(config.guardian.checks.db_schema, false);
    assert.equal(config.oyster.ssh.concurrency, 4);
    assert.equal(config.oyster.ssh.connectTimeoutMs, 5000, "a misspelt key does not set the real one");
  });

  it("keeps every other key of a project untouched and does not warn about them", () => {
    const project = { name: "oyster-web", repo: "git@example.com:o/w.git", limits: { cpu: 2 }, nodes: ["n1"] };
    const dir = configDir({ "projects.json": { projects: [project] } });
    const { config, warnings } = loadConfig({ dir, env: HOME_ENV });
    assert.deepEqual(warnings, []);
    assert.deepEqual(config.projects, [project]);
  });

  it("still warns about unknown keys beside the projects list", () => {
    const dir = configDir({ "projects.json": { projects: [], projets: [] } });
    assert.deepEqual(loadConfig({ dir, env: HOME_ENV }).warnings, ["projects.json: projets: unknown key (ignored)"]);
  });
});

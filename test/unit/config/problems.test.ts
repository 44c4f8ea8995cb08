import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ConfigError } from "../../../src/errors.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { configDir, HOME_ENV, thrown } from "./config-dir.ts";

function problemsOf(dir: string): string[] {
  const err = thrown(() => loadConfig({ dir, env: HOME_ENV }));
  assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
  return err.problems;
}

describe("loadConfig problems", () => {
  it("throws one ConfigError listing every problem of every file with file and path", () => {
    const dir = configDir({
      "nodes.json": '{"nodes": [{"name": "a",}]}',
      "guardian_config.json": { interval_seconds: "300", max_fix_attempts: -1, checks: { db_schema: "yes" } },
      "oyster.json": { ssh: { connectTimeoutMs: "fast", hostKeyPolicy: "loose" }, slack: { port: 0 } },
    });
    const err = thrown(() => loadConfig({ dir, env: HOME_ENV }));
    assert.ok(err instanceof ConfigError);
    assert.equal(err.exitCode, 2);
    assert.match(err.problems[0]!, /^nodes\.json: \(file\): invalid JSON: .+/);
    assert.deepEqual(err.problems.slice(1), [
      'guardian_config.json: interval_seconds: expected an integer >= 5, got "300"',
      "guardian_config.json: max_fix_attempts: expected an integer >= 0, got -1",
      'guardian_config.json: checks.db_schema: expected true or false, got "yes"',
      'oyster.json: ssh.hostKeyPolicy: expected "strict" or "accept-new", got "loose"',
      'oyster.json: ssh.connectTimeoutMs: expected a positive integer, got "fast"',
      "oyster.json: slack.port: expected a port number (1-65535), got 0",
    ]);
    assert.ok(err.message.includes("oyster.json: slack.port"), "the message carries the list too");
  });

  it("reports a document that is not an object at (file)", () => {
    const dir = configDir({ "projects.json": "[]", "oyster.json": "null" });
    assert.deepEqual(problemsOf(dir), [
      "projects.json: (file): expected an object, got []",
      "oyster.json: (file): expected an object, got null",
    ]);
  });

  it("reports an empty file as invalid JSON rather than defaulting it", () => {
    const dir = configDir({ "nodes.json": "" });
    const [problem, ...rest] = problemsOf(dir);
    assert.match(problem!, /^nodes\.json: \(file\): invalid JSON: /);
    assert.deepEqual(rest, []);
  });

  it("reports a config file that cannot be read instead of treating it as missing", () => {
    const dir = configDir();
    mkdirSync(join(dir, "oyster.json"));
    assert.deepEqual(problemsOf(dir), ["oyster.json: (file): is a directory, not a config file"]);
  });

  it("reports a missing required key and a wrong nested type", () => {
    const dir = configDir({
      "projects.json": { projects: [{ repo: "x" }] },
      "oyster.json": { ssh: 5, guardian: { params: { facts: [{ name: "py" }] } } },
    });
    assert.deepEqual(problemsOf(dir), [
      "projects.json: projects[0].name: required: expected a project name",
      "oyster.json: ssh: expected an object, got 5",
      "oyster.json: guardian.params.facts[0].command: required: expected a shell command",
      'oyster.json: guardian.params.facts[0].expect: required: expected "same" or the expected output',
    ]);
  });

  it("accepts a UTF-8 byte-order mark before the JSON", () => {
    const dir = configDir({ "nodes.json": '\uFEFF{"nodes": [{"name": "n1"}]}' });
    assert.equal(loadConfig({ dir, env: HOME_ENV }).config.nodes[0]?.name, "n1");
  });
});

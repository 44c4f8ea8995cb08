import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../../src/errors.ts";
import { loadConfig, NODE_NAME_RE } from "../../../src/config/index.ts";
import { configDir, HOME_ENV, thrown } from "./config-dir.ts";

function nodeProblems(nodes: unknown): string[] {
  const dir = configDir({ "nodes.json": { nodes } });
  const err = thrown(() => loadConfig({ dir, env: HOME_ENV }));
  assert.ok(err instanceof ConfigError);
  return err.problems;
}

describe("nodes.json", () => {
  it("fills node defaults and keeps dispatchDir raw while expanding the local identityFile", () => {
    const dir = configDir({
      "nodes.json": { nodes: [{ name: "glm-node-1" }, { name: "glm-node-2", identityFile: "~/.ssh/fleet", dispatchDir: "~/work/dispatch" }] },
    });
    assert.deepEqual(loadConfig({ dir, env: HOME_ENV }).config.nodes, [
      { name: "glm-node-1", dispatchDir: "~/dispatch", services: [], tags: [] },
      { name: "glm-node-2", identityFile: "/home/tester/.ssh/fleet", dispatchDir: "~/work/dispatch", services: [], tags: [] },
    ]);
  });

  it("refuses names that do not match the node name pattern", () => {
    assert.deepEqual(nodeProblems([{ name: "ok-1" }, { name: "ok.2_x" }, { name: "bad name!" }, { name: "-dash" }, { name: "" }]), [
      'nodes.json: nodes[2].name: "bad name!" must match ^[A-Za-z0-9][A-Za-z0-9._-]*$',
      'nodes.json: nodes[3].name: "-dash" must match ^[A-Za-z0-9][A-Za-z0-9._-]*$',
      'nodes.json: nodes[4].name: "" must match ^[A-Za-z0-9][A-Za-z0-9._-]*$',
    ]);
  });

  it("exports the node name pattern from the contract", () => {
    assert.equal(NODE_NAME_RE.source, "^[A-Za-z0-9][A-Za-z0-9._-]*$");
  });

  it("refuses a duplicate name, naming both entries", () => {
    assert.deepEqual(nodeProblems([{ name: "a" }, { name: "b" }, { name: "a" }]), [
      'nodes.json: nodes[2].name: duplicate node name "a" (also nodes[0])',
    ]);
  });

  it("reports duplicates alongside other problems of the same file", () => {
    assert.deepEqual(nodeProblems([{ name: "a", port: 0 }, { name: "a" }]), [
      "nodes.json: nodes[0].port: expected a port number (1-65535), got 0",
      'nodes.json: nodes[1].name: duplicate node name "a" (also nodes[0])',
    ]);
  });

  it("refuses ports outside 1..65535 and non-integers", () => {
    assert.deepEqual(nodeProblems([{ name: "a", port: 65536 }, { name: "b", port: 22.5 }, { name: "c", port: "22" }]), [
      "nodes.json: nodes[0].port: expected a port number (1-65535), got 65536",
      "nodes.json: nodes[1].port: expected a port number (1-65535), got 22.5",
      'nodes.json: nodes[2].port: expected a port number (1-65535), got "22"',
    ]);
  });

  it("refuses service names that a remote shell or systemctl could misread", () => {
    const problems = nodeProblems([{ name: "a", services: ["agent-daemon", "w@1.service", "x; reboot", "--now", 7] }]);
    assert.deepEqual(problems, [
      'nodes.json: nodes[0].services[2]: "x; reboot" must match ^[A-Za-z0-9@._][A-Za-z0-9@._-]*$',
      'nodes.json: nodes[0].services[3]: "--now" must match ^[A-Za-z0-9@._][A-Za-z0-9@._-]*$',
      "nodes.json: nodes[0].services[4]: expected a systemd unit name, got 7",
    ]);
  });

  it("refuses non-string tags and a dispatchDir with shell characters", () => {
    assert.deepEqual(nodeProblems([{ name: "a", tags: ["glm", 3], dispatchDir: "~/d $(id)" }]), [
      'nodes.json: nodes[0].dispatchDir: "~/d $(id)" must match ^[A-Za-z0-9~/._@+][A-Za-z0-9~/._@+-]*$',
      "nodes.json: nodes[0].tags[1]: expected a non-empty string, got 3",
    ]);
  });

  it("refuses a nodes key that is not a list", () => {
    assert.deepEqual(nodeProblems({ name: "a" }), ['nodes.json: nodes: expected a list of nodes, got {"name":"a"}']);
  });
});

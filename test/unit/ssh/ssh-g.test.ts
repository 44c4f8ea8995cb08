import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { configuredValues, filesRead, parseSshG } from "../../../src/ssh/ssh-g.ts";

const DEFAULTS = "host node-1\nuser me\nhostname node-1\nport 22\nidentityfile ~/.ssh/id_rsa\nidentityfile ~/.ssh/id_ed25519\n";

describe("ssh -G output", () => {
  it("takes only the values that differ from OpenSSH's defaults for the same name", () => {
    const withConfig = parseSshG("host node-1\nuser alice\nhostname 10.0.0.5\nport 22\nidentityfile %d/keys/%h\nproxyjump bastion\n");
    assert.deepEqual(configuredValues(withConfig, parseSshG(DEFAULTS)), {
      host: "10.0.0.5",
      user: "alice",
      identityFiles: ["%d/keys/%h"],
      proxyJump: "bastion",
    });
  });

  it("reads a config that sets nothing as setting nothing", () => {
    assert.deepEqual(configuredValues(parseSshG(DEFAULTS), parseSshG(DEFAULTS)), {});
  });

  it("reads a non-default port as a number", () => {
    assert.deepEqual(configuredValues(parseSshG(DEFAULTS.replace("port 22", "port 2222")), parseSshG(DEFAULTS)), { port: 2222 });
  });

  it("lists each config file ssh read once, in order, from its -vvv output", () => {
    const stderr = [
      "debug1: Reading configuration data /tmp/x/config",
      "debug3: /tmp/x/config line 1: Including file /tmp/x/conf.d/a.conf depth 0",
      "debug1: Reading configuration data /tmp/x/conf.d/a.conf",
      "debug1: Reading configuration data /tmp/x/config",
    ].join("\n");
    assert.deepEqual(filesRead(stderr), ["/tmp/x/config", "/tmp/x/conf.d/a.conf"]);
  });
});

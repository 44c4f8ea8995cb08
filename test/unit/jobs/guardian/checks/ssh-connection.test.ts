import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CheckContext } from "../../../../../jobs/guardian/checks/index.ts";
import { sshConnection } from "../../../../../jobs/guardian/checks/ssh-connection.ts";
import { OysterError } from "../../../../../src/errors.ts";

const broken = (code: "HostKeyMismatch" | "HostKeyRevoked" | "HostKeyUnknown", message: string) =>
  ({ reach: new Map([["n1", { node: "n1", state: "ssh-broken", error: new OysterError(code, message) }]]) }) as unknown as CheckContext;

describe("ssh_connection", () => {
  it("a revoked key is its own finding: critical, alerted at once, never fixed, and not called a change", async () => {
    const d = await sshConnection.detect(broken("HostKeyRevoked", "n1: HOST KEY REVOKED for h"), "n1");
    assert.ok("ok" in d && !d.ok);
    assert.equal(d.severity, "critical");
    assert.equal(d.alertNow, true);
    assert.equal(d.fix, undefined);
    assert.match(d.detail, /REVOKED/);
    assert.match(d.noFix ?? "", /revoked host key is never used/);
  });

  it("on a drained node reports a failed login without alerting, but a changed key still alerts at once", async () => {
    const drained = (code: string, message: string) =>
      ({ reach: new Map([["n1", { node: "n1", state: "ssh-broken", error: new OysterError(code as "SshTimeout", message) }]]), draining: new Set(["n1"]) }) as unknown as CheckContext;
    assert.deepEqual(await sshConnection.detect(drained("SshTimeout", "n1: no SSH session within 1500 ms"), "n1"), { skip: "draining: SshTimeout: n1: no SSH session within 1500 ms; not alerted while it drains" });
    const changed = await sshConnection.detect(drained("HostKeyMismatch", "n1: HOST KEY CHANGED for h"), "n1");
    assert.ok("ok" in changed && !changed.ok && changed.alertNow === true);
  });

  it("a changed key stays a changed key", async () => {
    const d = await sshConnection.detect(broken("HostKeyMismatch", "n1: HOST KEY CHANGED for h"), "n1");
    assert.ok("ok" in d && !d.ok);
    assert.match(d.noFix ?? "", /changed host key/);
  });
});

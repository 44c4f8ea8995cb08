import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { accountLine, providerChecks } from "../../../src/doctor/provider-checks.ts";
import type { AccountCheck, QuotaWindow } from "../../../src/monitor/types.ts";
import { configWith } from "./doctor-fixture.ts";

const { config } = configWith({ "oyster.json": { monitor: { providers: { zai: [{ label: "glm", keyEnv: "ZAI_KEY" }] } } } });
const win = (w: Partial<QuotaWindow>): QuotaWindow => ({ provider: "zai", account: "glm", window: "5h tokens", windowSeconds: 18000, used: 1, limit: 10, remaining: 9, usedPct: 10, resetsAt: null, status: "ok", ...w });
const check = (windows: QuotaWindow[], provider: AccountCheck["provider"] = "zai"): AccountCheck => ({ provider, account: "glm", checkedAt: "2026-12-07T00:00:00Z", windows });

describe("doctor: provider keys and agent plans", () => {
  it("an account that reads is ok with how many windows", () => {
    const l = accountLine(config, check([win({}), win({ window: "weekly" })]));
    assert.deepEqual([l.name, l.status, l.detail], ["zai:glm", "ok", "read (2 windows)"]);
  });

  it("a rejected key fails naming the variable to set, never its value", () => {
    const l = accountLine(config, check([win({ status: "error", errorKind: "key_rejected", detail: "key rejected (401)", used: null })]));
    assert.equal(l.status, "fail");
    assert.equal(l.detail, "key_rejected: key rejected (401)");
    assert.equal(l.fix, "set ZAI_KEY to a valid key");
  });

  it("an agent plan whose login is rejected says to log in again on its node", () => {
    const l = accountLine(config, check([win({ provider: "claude", status: "error", errorKind: "key_rejected", detail: "token expired", node: "node-3" })], "claude"));
    assert.equal(l.fix, "log claude in again on node-3 (the login is read there and stays there)");
  });

  it("a plan with nothing to read yet, or no credit, is a warning", () => {
    assert.equal(accountLine(config, check([win({ status: "error", errorKind: "no_reading", node: "node-1" })])).status, "warn");
    assert.equal(accountLine(config, check([win({ status: "error", errorKind: "no_credit" })])).status, "warn");
  });

  it("reads every account once through the monitor's checker; none configured is one ok line", async () => {
    let calls = 0;
    const lines = await providerChecks(config, async () => (calls++, [check([win({})])]));
    assert.equal(calls, 1);
    assert.deepEqual(lines.map((l) => l.status), ["ok"]);
    const none = await providerChecks(configWith().config, async () => assert.fail("nothing to check"));
    assert.equal(none[0]?.detail, "no accounts in monitor.providers or monitor.agents");
  });
});

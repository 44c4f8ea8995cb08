import assert from "node:assert/strict";
import { hostname } from "node:os";
import { describe, it } from "node:test";
import { limitsChecks, RECOMMENDED_OPEN_FILES } from "../../../src/doctor/limits-checks.ts";

const own = (n: number | undefined) => ({ readOwn: async () => n });
const procLimits = (soft: string) => `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                524288               files\n`;

describe("doctor: the open-files limit", () => {
  it("is ok at the shipped unit's value and above", async () => {
    const [l] = await limitsChecks(20, own(RECOMMENDED_OPEN_FILES));
    assert.equal(l?.status, "ok");
    assert.equal(l?.detail, "4096 (the fleet needs 84: 20 nodes + 64)");
  });

  it("warns below 4096 when the fleet still fits, naming LimitNOFILE in the unit", async () => {
    const [l] = await limitsChecks(20, own(1024));
    assert.equal(l?.status, "warn");
    assert.equal(l?.fix, "set LimitNOFILE=4096 in the systemd unit (deploy/systemd/oyster.service), or raise ulimit -n");
  });

  it("fails below one connection per node plus 64", async () => {
    const [l] = await limitsChecks(200, own(256));
    assert.equal(l?.status, "fail");
    assert.match(l?.detail ?? "", /^256: below what the fleet needs \(200 nodes \+ 64 = 264/);
  });

  it("reads the running bot's limit on this host, not its own", async () => {
    const asked: number[] = [];
    const [l] = await limitsChecks(3, { bot: { pid: 4242, host: hostname() }, readLimits: async (pid) => (asked.push(pid), procLimits("1024")), readOwn: async () => 999_999 });
    assert.deepEqual(asked, [4242]);
    assert.equal(l?.name, "bot (pid 4242)");
    assert.equal(l?.status, "warn");
  });

  it("falls back to its own limit when the bot runs on another host", async () => {
    const [l] = await limitsChecks(3, { bot: { pid: 4242, host: "elsewhere" }, readLimits: async () => assert.fail("not this host's bot"), readOwn: async () => 8192 });
    assert.equal(l?.name, "oyster");
    assert.equal(l?.status, "ok");
  });

  it("warns when the limit cannot be read", async () => {
    const [l] = await limitsChecks(3, own(undefined));
    assert.equal(l?.status, "warn");
  });
});

describe("doctor: the open-files limit, asked in Slack", () => {
  it("inside the bot, its own limit is the service's", async () => {
    const [l] = await limitsChecks(3, { bot: { pid: process.pid, host: hostname() }, readLimits: async () => assert.fail("reads its own"), readOwn: async () => 4096 });
    assert.equal(l?.name, `bot (pid ${process.pid})`);
    assert.equal(l?.status, "ok");
  });
});

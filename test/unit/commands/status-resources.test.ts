import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { status, type StatusData } from "../../../commands/status.ts";
import { table } from "../../../src/render/table.ts";
import { plainView } from "../../../src/render/view.ts";

const GiB = 1024 ** 3;
const root = { filesystem: "/dev/sda1", mount: "/", usedPercent: 41, usedBytes: 20.5 * GiB, sizeBytes: 50 * GiB, inodesUsedPercent: 3 };
const home = { filesystem: "/dev/sdb1", mount: "/home", usedPercent: 93, usedBytes: 186 * GiB, sizeBytes: 200 * GiB, inodesUsedPercent: 12 };

const data = (): StatusData => ({
  nodes: [
    { name: "glm-node-1", reachable: true, latencyMs: 12, uptimeSeconds: 93784, load: [0.1, 0.2, 0.3], disk: home, memory: { availablePercent: 62.4, availableBytes: 5 * GiB, totalBytes: 8 * GiB }, filesystems: [root, home] },
    { name: "glm-node-2", reachable: true, latencyMs: 9, uptimeSeconds: 60, load: [1, 1, 1], disk: null, memory: null, filesystems: [], resourceNotes: ["disk use could not be read: df -Pk exited 1: x"] },
    { name: "glm-node-3", reachable: false, latencyMs: null, error: "glm-node-3: cannot reach [10.0.0.3]:22: ECONNREFUSED", errorCode: "SshUnreachable" },
  ],
  dispatch: { configured: false, reason: "dispatch.dir /x does not exist" } as StatusData["dispatch"],
  paused: [],
});

describe("status: disk and memory per node", () => {
  it("shows the fullest filesystem and available memory as columns, ? where unread, the error across a down node's row", () => {
    const lines = status.text!(data(), plainView()).split("\n");
    assert.equal(lines[0], "NODE        STATE  LATENCY  UPTIME  LOAD         DISK       MEMORY FREE");
    assert.equal(lines[1], "glm-node-1  up     12 ms    1d 2h   0.1 0.2 0.3  93% /home  62% (5 of 8 GiB)");
    assert.equal(lines[2], "glm-node-2  up     9 ms     1m      1 1 1        ?          ?");
    assert.equal(lines[3], "glm-node-3  DOWN   -        -       SshUnreachable: glm-node-3: cannot reach [10.0.0.3]:22: ECONNREFUSED");
  });

  it("says disk and memory in Slack too", () => {
    const text = JSON.stringify(status.blocks!(data(), plainView()));
    assert.match(text, /glm-node-1\*  12 ms, up 1d 2h, load 0.1 0.2 0.3, disk 93% \/home, memory 62% \(5 of 8 GiB\) free/);
  });

  it("a short row's last cell runs on without widening its column", () => {
    assert.equal(table(["A", "B", "C"], [["x", "yy", "z"], ["x", "a long note"]]), "A  B   C\nx  yy  z\nx  a long note");
  });
});

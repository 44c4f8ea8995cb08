import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatRoll, type RollData } from "../../../src/restart/index.ts";

describe("formatRoll", () => {
  it("says where the roll stopped, why a node that could not be read failed, and who was left untouched", () => {
    const data: RollData = {
      target: { kind: "service", unit: "gpu-exporter", tag: "gpu" },
      parallel: 2,
      ok: false,
      nodes: [
        { node: "n1", unit: "gpu-exporter", status: "ok", before: "failed", after: "active", steps: [] },
        { node: "n2", unit: "gpu-exporter", status: "failed", steps: [], error: { code: "SshUnreachable", message: "n2: connection refused" } },
        { node: "n3", unit: "gpu-exporter", status: "untouched" },
      ],
    };
    assert.equal(formatRoll(data), [
      "restart gpu-exporter on 3 nodes tagged gpu, 2 at a time: FAILED on n2; the roll stopped there",
      "n1: gpu-exporter ok (failed -> active)",
      "n2: gpu-exporter FAILED: SshUnreachable: n2: connection refused",
      "n3: gpu-exporter untouched",
      "done: n1; failed: n2; left untouched: n3",
    ].join("\n"));
  });
});

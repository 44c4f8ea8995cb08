// Names that carry shell syntax never reach a shell: rejected (exit 2) before any plan, prompt
// or command, on the CLI path an operator or a script would take.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { makeRestartFleet, type RestartFleet } from "./restart-fixture.ts";

describe("oyster restart with hostile names", () => {
  let rig: Rig;
  let fleet: RestartFleet;
  const marker = join(tmpDir(), "pwned");
  before(async () => {
    rig = await startRig(2);
    fleet = makeRestartFleet(rig, { "node-1": ["agent-daemon"], "node-2": ["agent-daemon"] }, ["oyster-web"]);
  });
  after(async () => rig?.close());

  const attempts = [
    ["daemon", `node-1; touch ${marker}`],
    ["daemon", `$(touch ${marker})`],
    ["watcher", `\`touch ${marker}\``],
    ["service", "node-1", `$(touch ${marker})`],
    ["service", "node-1", `\`touch ${marker}\``],
    ["service", "node-1", `agent-daemon; touch ${marker}`],
    ["service", "node-1", "agent daemon"],
    ["dispatch", `oyster-web; touch ${marker}`],
    ["dispatch", `$(touch ${marker})`],
  ];
  for (const words of attempts) {
    it(`rejects restart ${words.join(" ")} before anything runs`, async () => {
      for (const yes of [true, false]) {
        const { code, doc } = await fleet.cli(["restart", ...words, ...(yes ? ["--yes"] : []), "--json"]);
        assert.equal(code, 2);
        assert.equal(doc.error.code, "InvalidArgument");
        assert.match(doc.error.message, /not a valid (node|unit|project) name/);
      }
      assert.deepEqual(fleet.calls(), { "node-1": [], "node-2": [] });
      assert.equal(existsSync(marker), false);
      assert.deepEqual(await fleet.auditRows(), []);
    });
  }

  it("rejects a leading - (an option to systemctl) as a usage error", async () => {
    const { code, doc } = await fleet.cli(["restart", "service", "node-1", "--now", "--yes", "--json"]);
    assert.deepEqual([code, doc.error.code], [2, "UsageError"]);
    const dashed = await fleet.cli(["restart", "service", "node-1", "--yes", "--json", "--", "--now"]);
    assert.deepEqual([dashed.code, dashed.doc.error.code], [2, "InvalidArgument"]);
    assert.deepEqual(fleet.calls(), { "node-1": [], "node-2": [] });
  });
});

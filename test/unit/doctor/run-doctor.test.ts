import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runDoctor } from "../../../src/doctor/run-doctor.ts";
import { DOCTOR_AREAS } from "../../../src/doctor/types.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { configWith, makeDispatchDb } from "./doctor-fixture.ts";

describe("doctor: the whole checklist", () => {
  it("covers every area in order; an area that breaks is one failed line and the rest still run", async () => {
    const dispatchDir = tmpDir();
    makeDispatchDb(join(dispatchDir, "dispatch.db"));
    const { config } = configWith({ "oyster.json": { dispatch: { dir: dispatchDir }, monitor: { providers: { zai: [{ label: "glm", keyEnv: "ZAI_KEY" }] } } } });
    const { log } = memoryLogger("silent");
    const data = await runDoctor({
      config, env: {}, dataDir: tmpDir(), ssh: createSshPool(config, log),
      checkAll: async () => { throw new Error("adapter bug"); },
      limits: { readOwn: async () => 8192 },
    });
    assert.deepEqual([...new Set(data.checks.map((c) => c.area))], [...DOCTOR_AREAS]);
    const providers = data.checks.filter((c) => c.area === "providers");
    assert.deepEqual(providers.map((c) => [c.status, c.detail]), [["fail", "the check itself failed: adapter bug"]]);
    assert.equal(data.ok, false);
    // Without nodes and Slack: nodes.json's warning and Slack's failure, the rest as configured.
    assert.deepEqual(data.checks.filter((c) => c.area === "nodes").map((c) => c.status), ["warn"]);
  });
});

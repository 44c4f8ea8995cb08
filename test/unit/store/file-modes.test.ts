import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { openStore } from "../../../src/store/index.ts";
import { modeOf, withUmask } from "../../helpers/file-modes.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("state.db file modes", () => {
  it("creates the data dir 0700 and state.db, its -wal and -shm 0600 under umask 022", async () => {
    const data = join(tmpDir(), "data");
    const store = await withUmask(() => openStore(data));
    try {
      store.audit.start({ who: "test", via: "cli", command: "noop", args: {}, decision: "allowed" });
      assert.equal(modeOf(data), "0700");
      for (const f of ["state.db", "state.db-wal", "state.db-shm"]) assert.equal(modeOf(join(data, f)), "0600", f);
    } finally {
      store.close();
    }
  });
});

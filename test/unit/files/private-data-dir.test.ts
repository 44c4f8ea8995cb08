import assert from "node:assert/strict";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { preparePrivateDataDir } from "../../../src/files/private-data-dir.ts";
import { openRuntime } from "../../../src/runtime.ts";
import { modeOf, withUmask } from "../../helpers/file-modes.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

/** A data dir as an install from before private files left it: 0755 dirs, 0644 files. */
function oldDataDir(root: string): string {
  const data = join(root, "data");
  for (const d of [data, join(data, "logs"), join(data, "snapshots"), join(data, "guardian_alerts")]) {
    mkdirSync(d, { recursive: true });
    chmodSync(d, 0o755);
  }
  for (const f of ["state.db", "logs/oyster.log", "snapshots/dispatch-20260101-030000.db", "guardian_alerts/A1.json"]) {
    writeFileSync(join(data, f), "");
    chmodSync(join(data, f), 0o644);
  }
  return data;
}

describe("the private data dir", () => {
  it("creates a missing data dir and its subdirs 0700 under umask 022", async () => {
    const data = join(tmpDir(), "data");
    const changes = await withUmask(() => preparePrivateDataDir(data));
    assert.deepEqual(changes, []);
    for (const d of [data, join(data, "logs"), join(data, "snapshots"), join(data, "guardian_alerts")]) assert.equal(modeOf(d), "0700", d);
  });

  it("takes group and other bits off what Oyster owns, reports each path once, and leaves symlinks alone", async () => {
    const root = tmpDir();
    const data = oldDataDir(root);
    const outside = join(root, "elsewhere.txt");
    writeFileSync(outside, "");
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(data, "snapshots", "link.db"));
    chmodSync(join(data, "snapshots", "dispatch-20260101-030000.db"), 0o400);

    const changes = await withUmask(() => preparePrivateDataDir(data));
    assert.deepEqual(changes.map((c) => [c.path.slice(data.length), c.from, c.to]), [
      ["", "0755", "0700"],
      ["/state.db", "0644", "0600"],
      ["/logs", "0755", "0700"],
      ["/logs/oyster.log", "0644", "0600"],
      ["/snapshots", "0755", "0700"],
      ["/guardian_alerts", "0755", "0700"],
      ["/guardian_alerts/A1.json", "0644", "0600"],
    ]);
    assert.equal(modeOf(outside), "0644");
    assert.equal(modeOf(join(data, "snapshots", "dispatch-20260101-030000.db")), "0400");
    assert.deepEqual(await withUmask(() => preparePrivateDataDir(data)), []);
  });

  it("tightens an existing 0755 data dir with a 0644 state.db when the runtime opens, and logs each change with old and new mode", async () => {
    const root = tmpDir();
    const data = join(root, "data");
    mkdirSync(data);
    chmodSync(data, 0o755);
    writeFileSync(join(data, "state.db"), "");
    chmodSync(join(data, "state.db"), 0o644);
    const env = { HOME: root, OYSTER_CONFIG_DIR: join(root, "config"), OYSTER_DATA_DIR: data, PATH: process.env.PATH };

    const rt = await withUmask(() => openRuntime({ processEnv: env, stderrLevel: "silent" }));
    try {
      assert.equal(modeOf(data), "0700");
      assert.equal(modeOf(join(data, "state.db")), "0600");
      const logged = readFileSync(join(data, "logs", "oyster.log"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === "data dir file was readable by others; mode tightened")
        .map((l) => [l.path, l.from, l.to]);
      assert.deepEqual(logged, [[data, "0755", "0700"], [join(data, "state.db"), "0644", "0600"]]);
    } finally {
      await rt.close();
    }
  });

  it("a fresh runtime under umask 022 makes state.db, its -wal and -shm, logs/ and oyster.log private", async () => {
    const root = tmpDir();
    const data = join(root, "data");
    const env = { HOME: root, OYSTER_CONFIG_DIR: join(root, "config"), OYSTER_DATA_DIR: data, PATH: process.env.PATH };
    const rt = await withUmask(() => openRuntime({ processEnv: env, stderrLevel: "silent" }));
    try {
      rt.store.audit.start({ who: "test", via: "cli", command: "noop", args: {}, decision: "allowed" });
      assert.equal(modeOf(data), "0700");
      assert.equal(modeOf(join(data, "logs")), "0700");
      assert.equal(modeOf(join(data, "logs", "oyster.log")), "0600");
      for (const f of ["state.db", "state.db-wal", "state.db-shm"]) assert.equal(modeOf(join(data, f)), "0600", f);
    } finally {
      await rt.close();
    }
  });
});

// The checks that read local files only: config, data dir, dispatch.
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { configChecks } from "../../../src/doctor/config-checks.ts";
import { dataDirChecks } from "../../../src/doctor/data-dir-checks.ts";
import { dispatchChecks } from "../../../src/doctor/dispatch-checks.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { configWith, makeDispatchDb } from "./doctor-fixture.ts";

describe("doctor: config files", () => {
  it("says each file is valid or absent", () => {
    const { config } = configWith({ "nodes.json": { nodes: [] } });
    const lines = configChecks(config, {});
    assert.deepEqual(lines.map((l) => [l.name, l.status, l.detail]), [
      ["nodes.json", "ok", "valid"],
      ["projects.json", "ok", "not present (defaults apply)"],
      ["guardian_config.json", "ok", "not present (defaults apply)"],
      ["oyster.json", "ok", "not present (defaults apply)"],
    ]);
  });

  it("an unknown key is a warning on its file's line, with the fix", () => {
    const { config } = configWith({ "oyster.json": { timezone: "UTC", colour: "blue" } });
    const warned = configChecks(config, {}).filter((l) => l.status === "warn");
    assert.equal(warned.length, 1);
    assert.equal(warned[0]?.name, "oyster.json");
    assert.match(warned[0]?.detail ?? "", /colour/);
    assert.ok(warned[0]?.fix);
  });

  it("a file broken since start is a failure naming the problem; the other files stay ok", () => {
    const { dir, config } = configWith({ "oyster.json": {} });
    writeFileSync(join(dir, "oyster.json"), '{"ssh": {"connectTimeoutMs": "soon"}}');
    const lines = configChecks(config, {});
    const failed = lines.filter((l) => l.status === "fail");
    assert.equal(failed.length, 1);
    assert.equal(failed[0]?.name, "oyster.json");
    assert.match(failed[0]?.detail ?? "", /^oyster\.json: ssh\.connectTimeoutMs: /);
    assert.deepEqual(lines.filter((l) => l.status === "ok").map((l) => l.name), ["nodes.json", "projects.json", "guardian_config.json"]);
  });
});

describe("doctor: the data dir", () => {
  it("is ok when the dir is 0700 and nothing in it is readable by others", () => {
    const dir = join(tmpDir(), "data");
    mkdirSync(join(dir, "logs"), { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    writeFileSync(join(dir, "state.db"), "", { mode: 0o600 });
    assert.deepEqual(dataDirChecks(dir).map((l) => l.status), ["ok", "ok"]);
  });

  it("fails on a dir others may read and on files they may read, each with the chmod to run", () => {
    const dir = join(tmpDir(), "data");
    mkdirSync(join(dir, "logs"), { recursive: true });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "logs"), 0o700);
    writeFileSync(join(dir, "logs", "oyster.log"), "x");
    chmodSync(join(dir, "logs", "oyster.log"), 0o644);
    const [dirLine, files] = dataDirChecks(dir);
    assert.equal(dirLine?.status, "fail");
    assert.equal(dirLine?.detail, "readable by others (mode 0755, want 0700)");
    assert.equal(dirLine?.fix, `run: chmod 700 '${dir}'`);
    assert.equal(files?.status, "fail");
    assert.equal(files?.detail, `1 readable by others: ${join(dir, "logs", "oyster.log")} (0644)`);
    assert.equal(files?.fix, `run: chmod -R go-rwx '${dir}'`);
  });
});

describe("doctor: dispatch", () => {
  it("fails on a missing dispatch.dir, naming the key to set", () => {
    const { config } = configWith({ "oyster.json": { dispatch: { dir: join(tmpDir(), "nowhere") } } });
    const [l] = dispatchChecks(config);
    assert.equal(l?.status, "fail");
    assert.equal(l?.fix, "set dispatch.dir in oyster.json to dispatch's checkout");
  });

  it("fails on a missing or outdated dispatch.db with the guardian's db_schema as the fix", () => {
    const dir = tmpDir();
    const { config } = configWith({ "oyster.json": { dispatch: { dir } } });
    assert.deepEqual(dispatchChecks(config).map((l) => [l.name, l.status]), [["dispatch.dir", "ok"], ["dispatch.db", "fail"]]);
    makeDispatchDb(join(dir, "dispatch.db"), "old");
    const [, db] = dispatchChecks(config);
    assert.equal(db?.status, "fail");
    assert.match(db?.detail ?? "", /at schema 1, want 2 \(missing /);
    assert.equal(db?.fix, "run: oyster check db_schema (snapshots first, then creates or migrates it)");
  });

  it("is ok with dispatch.db at the contract's schema", () => {
    const dir = tmpDir();
    makeDispatchDb(join(dir, "dispatch.db"));
    const { config } = configWith({ "oyster.json": { dispatch: { dir } } });
    assert.deepEqual(dispatchChecks(config).map((l) => l.status), ["ok", "ok"]);
  });
});

// The one writer of dispatch.db's `draining`: drain takes any state (or no row) to draining,
// undrain acts on a draining node only; no nodes table or no dispatch.db changes nothing.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Config } from "../../../src/config/index.ts";
import { dispatchDbFor, writeDrainState } from "../../../src/dispatch/drain-state.ts";
import { readNodeStates, setNodeStates } from "../../../src/dispatch/node-state.ts";
import { OysterError } from "../../../src/errors.ts";
import { createContractDb, createOldDispatchDb } from "../../helpers/fixtures/dispatch-dbs.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const at = () => new Date("2026-05-01T10:00:00Z");

function contractDb(): string {
  const path = join(tmpDir(), "dispatch.db");
  createContractDb(path);
  setNodeStates(path, [{ name: "n1", state: "online" }, { name: "n2", state: "paused" }], at);
  return path;
}

describe("writeDrainState", () => {
  it("drains an online node, a paused one, and one dispatch has no row for yet", () => {
    const db = contractDb();
    assert.deepEqual(writeDrainState(db, "n1", "drain", "online", at), { name: "n1", from: "online", to: "draining", changed: true });
    assert.deepEqual(writeDrainState(db, "n2", "drain", "online", at), { name: "n2", from: "paused", to: "draining", changed: true });
    assert.deepEqual(writeDrainState(db, "n3", "drain", "online", at), { name: "n3", from: null, to: "draining", changed: true });
    assert.deepEqual(readNodeStates(db), { n1: "draining", n2: "draining", n3: "draining" });
  });

  it("undrains only a draining node, to the state asked for, and leaves others as they are", () => {
    const db = contractDb();
    writeDrainState(db, "n1", "drain", "online", at);
    assert.deepEqual(writeDrainState(db, "n1", "undrain", "paused", at), { name: "n1", from: "draining", to: "paused", changed: true });
    assert.deepEqual(writeDrainState(db, "n2", "undrain", "online", at), { name: "n2", from: "paused", to: "paused", changed: false });
    assert.deepEqual(readNodeStates(db), { n1: "paused", n2: "paused" });
  });

  it("refuses a dispatch.db without a nodes table (exit 1), changing nothing", () => {
    const path = join(tmpDir(), "dispatch.db");
    createOldDispatchDb(path);
    assert.throws(() => writeDrainState(path, "n1", "drain", "online", at), (err: OysterError) => err.code === "CommandFailed" && err.exitCode === 1 && /no nodes table yet/.test(err.message));
  });

  it("says dispatch is not configured (exit 1) without a dispatch dir or a dispatch.db", () => {
    const dir = join(tmpDir(), "dispatch");
    const config = (d: string) => ({ oyster: { dispatch: { dir: d, db: join(d, "dispatch.db") } } }) as unknown as Config;
    assert.throws(() => dispatchDbFor(config(dir)), (err: OysterError) => err.code === "NotConfigured" && err.exitCode === 1 && /^dispatch not configured: dispatch\.dir/.test(err.message));
    mkdirSync(dir);
    assert.throws(() => dispatchDbFor(config(dir)), (err: OysterError) => err.code === "NotConfigured" && /dispatch\.db does not exist yet/.test(err.message));
  });
});

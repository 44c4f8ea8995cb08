import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { modeOf, withUmask } from "../../helpers/file-modes.ts";
import { alertsDirOf, bookFixture, signal, T0 } from "./book-fixture.ts";

const CONTRACT_KEYS = ["id", "source", "check", "node", "nodes", "severity", "status", "first_seen", "last_seen", "resolved_at", "attempts", "message"];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function readAlert(dir: string, id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, `${id}.json`), "utf8")) as Record<string, unknown>;
}

describe("alert files", () => {
  it("writes guardian_alerts/<id>.json with exactly the contract's fields", async () => {
    const f = bookFixture();
    await f.book.raise(signal({ attempts: 2 }));
    const doc = readAlert(alertsDirOf(f), "A1");
    assert.deepEqual(Object.keys(doc), CONTRACT_KEYS);
    assert.deepEqual(doc, {
      id: "A1", source: "guardian", check: "node_availability", node: "node-1", nodes: [], severity: "critical", status: "open",
      first_seen: T0.toISOString(), last_seen: T0.toISOString(), resolved_at: null, attempts: 2, message: "node-1 unreachable",
    });
  });

  it("rewrites the file on every change, adding acknowledged and snoozed when present", async () => {
    const f = bookFixture();
    const dir = alertsDirOf(f);
    await f.book.raise(signal());
    f.advance(1);
    await f.book.raise(signal({ message: "worse" }));
    assert.equal(readAlert(dir, "A1").message, "worse");
    await f.book.ack("A1", "cli:alice");
    assert.deepEqual(Object.keys(readAlert(dir, "A1")), [...CONTRACT_KEYS, "acknowledged"]);
    assert.deepEqual(readAlert(dir, "A1").acknowledged, { by: "cli:alice", at: f.now().toISOString() });
    await f.book.snooze("A1", 3_600_000, "cli:bob", "later");
    const snoozed = readAlert(dir, "A1");
    assert.deepEqual(Object.keys(snoozed), [...CONTRACT_KEYS, "acknowledged", "snoozed"]);
    assert.equal(snoozed.status, "snoozed");
    f.advance(5);
    await f.book.resolve("guardian", "node_availability", "node-1");
    const resolved = readAlert(dir, "A1");
    assert.equal(resolved.status, "resolved");
    assert.match(String(resolved.resolved_at), ISO_UTC);
    for (const k of ["first_seen", "last_seen"]) assert.match(String(resolved[k]), ISO_UTC);
    // The file and the database agree.
    assert.deepEqual(resolved, JSON.parse(JSON.stringify(f.book.get("A1"))));
  });

  it("leaves no temp files behind", async () => {
    const f = bookFixture();
    for (let i = 0; i < 5; i++) {
      await f.book.raise(signal({ node: `node-${i}` }));
      await f.book.raise(signal({ node: `node-${i}`, message: `change ${i}` }));
    }
    await f.book.ack("A2", "cli:x");
    assert.deepEqual(readdirSync(alertsDirOf(f)).sort(), ["A1.json", "A2.json", "A3.json", "A4.json", "A5.json"]);
  });

  it("keeps the state change when the file cannot be written, and logs it", async () => {
    const f = bookFixture();
    await f.book.raise(signal());
    // A directory where the file should be makes the rename fail.
    const { mkdirSync, rmSync } = await import("node:fs");
    rmSync(join(alertsDirOf(f), "A1.json"));
    mkdirSync(join(alertsDirOf(f), "A1.json"));
    const acked = await f.book.ack("A1", "cli:x");
    assert.equal(acked.status, "acknowledged");
    assert.equal(f.book.get("A1")?.status, "acknowledged");
    assert.ok(f.lines.some((l) => / ERROR alert file write failed alert=A1/.test(l)), f.lines.join(""));
    assert.deepEqual(readdirSync(alertsDirOf(f)), ["A1.json"]);
  });
});

describe("alert file modes", () => {
  it("writes guardian_alerts/ 0700 and each alert file 0600 under umask 022", async () => {
    const f = bookFixture();
    await withUmask(() => f.book.raise(signal()));
    assert.equal(modeOf(alertsDirOf(f)), "0700");
    assert.equal(modeOf(join(alertsDirOf(f), "A1.json")), "0600");
  });
});

// `oyster oci-grab` from the terminal: what it says when not configured, what it refuses, and that
// start/stop only write a request for the running bot (audited), never a loop of their own.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openStore } from "../../../src/store/index.ts";
import { BotPresence } from "../../../src/store/bot-presence.ts";
import { GrabStore } from "../../../src/oci/grab/grab-store.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { grabSetup, PASSPHRASE } from "./grab-fixture.ts";
import { join } from "node:path";
import { mkdirSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";

const ME = `cli:${userInfo().username}`;

describe("oyster oci-grab (CLI)", () => {
  it("status says not configured (exit 0) and start refuses (exit 1) naming each missing key", async () => {
    const dir = tmpDir();
    mkdirSync(join(dir, "config"));
    writeFileSync(join(dir, "config", "oyster.json"), JSON.stringify({ oci: { compartmentId: "ocid1.tenancy.oc1..x" } }));
    const env = { PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data") };
    const status = await runOyster(["oci-grab", "status"], env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /not configured/);
    const start = await runOyster(["oci-grab", "start", "--yes"], env);
    assert.equal(start.code, 1, start.stdout + start.stderr);
    const said = start.stdout + start.stderr;
    for (const key of ["oci.imageId", "oci.subnetId", "oci.sshPublicKeyFile", "oci.ocpus", "oci.memoryGb"]) assert.match(said, new RegExp(key.replace(".", "\\.")));
    assert.doesNotMatch(said, /oci\.compartmentId/, "a key that is set is not named");
    assert.match(said, /OCI config file .*not found/);
  });

  it("start with everything configured but no bot running says so, exit 1, and records nothing", async () => {
    const s = grabSetup("http://127.0.0.1:9");
    const r = await runOyster(["oci-grab", "start", "--yes", "--json"], s.env);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.error.code, "BotNotRunning");
    assert.match(doc.error.message, /no Oyster bot is running/);
    const store = openStore(s.dataDir);
    assert.equal(new GrabStore(store.db).latest(), undefined);
    store.close();
    const stop = await runOyster(["oci-grab", "stop", "--yes", "--json"], s.env);
    assert.equal(stop.code, 1);
    assert.equal(JSON.parse(stop.stdout).error.code, "NotRunning");
  });

  it("with a bot on record: start writes one running grab (audited), a second start is refused, stop marks it (audited); no secret is printed", async () => {
    const s = grabSetup("http://127.0.0.1:9");
    const store = openStore(s.dataDir);
    const presence = new BotPresence(store.db);
    presence.start();
    try {
      const start = await runOyster(["oci-grab", "start", "--ocpus", "1", "--memory", "6", "--yes", "--json"], s.env);
      assert.equal(start.code, 0, start.stdout + start.stderr);
      const doc = JSON.parse(start.stdout);
      assert.equal(doc.grab.status, "running");
      assert.deepEqual([doc.grab.request.ocpus, doc.grab.request.memoryGb], [1, 6]);
      assert.equal(doc.grab.startedBy, ME);

      const again = await runOyster(["oci-grab", "start", "--yes"], s.env);
      assert.equal(again.code, 1);
      assert.match(again.stdout + again.stderr, /already running/);

      const status = await runOyster(["oci-grab", "status", "--json"], s.env);
      assert.equal(status.code, 0);
      const st = JSON.parse(status.stdout);
      assert.equal(st.configured, true);
      assert.equal(st.grab.id, doc.grab.id);
      assert.equal("retryToken" in st.grab, false, "the retry token is never shown");

      const stop = await runOyster(["oci-grab", "stop", "--yes"], s.env);
      assert.equal(stop.code, 0, stop.stderr);
      assert.match(stop.stdout, /stop requested/);
      const grab = new GrabStore(store.db).get(doc.grab.id)!;
      assert.equal(grab.stopRequestedBy, ME);

      const audit = await runOyster(["audit", "--json"], s.env);
      const rows = JSON.parse(audit.stdout).entries as Array<{ command: string; args: unknown; outcome: string }>;
      const grabRows = rows.filter((r) => r.command === "oci-grab");
      assert.ok(grabRows.some((r) => /start/.test(JSON.stringify(r.args)) && r.outcome === "ok"), JSON.stringify(grabRows));
      assert.ok(grabRows.some((r) => /stop/.test(JSON.stringify(r.args)) && r.outcome === "ok"), JSON.stringify(grabRows));
      for (const out of [start.stdout, status.stdout, stop.stdout, audit.stdout]) {
        assert.doesNotMatch(out, new RegExp(PASSPHRASE));
        assert.doesNotMatch(out, /PRIVATE KEY/);
      }
    } finally {
      presence.stop();
      store.close();
    }
  });

  it("start without a terminal and without --yes is not confirmed (exit 3); a viewer's words are checked (exit 2)", async () => {
    const s = grabSetup("http://127.0.0.1:9");
    const store = openStore(s.dataDir);
    const presence = new BotPresence(store.db);
    presence.start();
    try {
      const r = await runOyster(["oci-grab", "start"], s.env);
      assert.equal(r.code, 3, r.stdout + r.stderr);
      const bad = await runOyster(["oci-grab", "launch"], s.env);
      assert.equal(bad.code, 2);
      assert.match(bad.stdout + bad.stderr, /one of start, status, stop/);
      const flag = await runOyster(["oci-grab", "status", "--ocpus", "2"], s.env);
      assert.equal(flag.code, 2);
      assert.match(flag.stdout + flag.stderr, /goes with `oci-grab start`/);
    } finally {
      presence.stop();
      store.close();
    }
  });
});

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("oyster jobs --json: next run", () => {
  it("shows the next run of a monthly schedule, weeks ahead, in the configured timezone", async () => {
    const root = tmpDir();
    const configDir = join(root, "config");
    mkdirSync(configDir);
    writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ timezone: "Europe/Berlin", schedules: { backup: "0 3 1 * *" } }));
    const env = { PATH: process.env.PATH, HOME: root, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(root, "data") };
    const out = captureOutput();
    const code = await runCli(["jobs", "--json"], { env, cwd: root, out: out.out, now: () => new Date("2026-11-27T09:00:00Z") });
    assert.equal(code, 0, out.stderr);
    const backup = JSON.parse(out.stdout).jobs.find((j: { name: string }) => j.name === "backup");
    assert.equal(backup.schedule, "0 3 1 * * (Europe/Berlin)");
    // 03:00 in Berlin on 1 December is 02:00 UTC.
    assert.equal(backup.nextRun, "2026-12-01T02:00:00.000Z");
  });
});

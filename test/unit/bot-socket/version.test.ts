// Which bot is too old to answer for this CLI: by package version first, then, for the same
// version, by when each side's dist/ was built (a checkout rebuilt under a running bot).
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { isOlder, ownBuild } from "../../../src/bot-socket/version.ts";

const at = (version: string, build: string | null = null) => ({ version, build });

describe("isOlder (the bot against the CLI)", () => {
  it("a lower package version is older, whatever the builds say", () => {
    assert.equal(isOlder(at("0.1.0", "2030-01-01T00:00:00.000Z"), at("0.2.0", "2020-01-01T00:00:00.000Z")), true);
    assert.equal(isOlder(at("1.9.9"), at("2.0.0")), true);
    assert.equal(isOlder(at("0.1.9"), at("0.1.10")), true, "parts compare as numbers, not text");
  });

  it("a higher package version is not older, whatever the builds say", () => {
    assert.equal(isOlder(at("0.2.0", "2020-01-01T00:00:00.000Z"), at("0.1.0", "2030-01-01T00:00:00.000Z")), false);
    assert.equal(isOlder(at("0.1.10"), at("0.1.9")), false);
    assert.equal(isOlder(at("1.0.0"), at("0.99.99")), false);
  });

  it("the same version built earlier is older; built at the same time or later is not", () => {
    assert.equal(isOlder(at("0.1.0", "2025-06-01T10:00:00.000Z"), at("0.1.0", "2025-06-01T10:00:01.000Z")), true);
    assert.equal(isOlder(at("0.1.0", "2025-06-01T10:00:00.000Z"), at("0.1.0", "2025-06-01T10:00:00.000Z")), false);
    assert.equal(isOlder(at("0.1.0", "2025-06-02T00:00:00.000Z"), at("0.1.0", "2025-06-01T23:59:59.999Z")), false);
  });

  it("a side without a build stamp (run from the sources) is judged by version alone", () => {
    assert.equal(isOlder(at("0.1.0", null), at("0.1.0", "2025-06-01T10:00:00.000Z")), false);
    assert.equal(isOlder(at("0.1.0", "2025-06-01T10:00:00.000Z"), at("0.1.0", null)), false);
    assert.equal(isOlder(at("0.1.0", null), at("0.1.1", null)), true);
  });

  it("missing parts count as zero and a pre-release or build suffix is ignored", () => {
    assert.equal(isOlder(at("1.2"), at("1.2.0")), false);
    assert.equal(isOlder(at("1.2.0"), at("1.2")), false);
    assert.equal(isOlder(at("1.2"), at("1.2.1")), true);
    assert.equal(isOlder(at("1.2.3-rc.1"), at("1.2.3")), false);
    assert.equal(isOlder(at("1.2.3+abc"), at("1.2.4+abc")), true);
  });
});

describe("ownBuild", () => {
  it("from the sources: package.json's version and no build stamp", async () => {
    const pkg = (await import("../../../package.json", { with: { type: "json" } })).default as { version: string };
    assert.deepEqual(ownBuild(), { version: pkg.version, build: null });
  });

  it("from a bundle in dist/: the version beside dist/ and the time in dist/.build-stamp", () => {
    const root = tmpDir();
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ version: "3.4.5" }));
    writeFileSync(join(root, "dist", ".build-stamp"), "2025-06-01T10:00:00.000Z\n");
    const chunk = pathToFileURL(join(root, "dist", "chunk-ABC.js")).href;
    assert.deepEqual(ownBuild(chunk), { version: "3.4.5", build: "2025-06-01T10:00:00.000Z" });
  });

  it("from a bundle with no stamp and no package.json: version 0.0.0 and no build", () => {
    const root = tmpDir();
    mkdirSync(join(root, "dist"));
    assert.deepEqual(ownBuild(pathToFileURL(join(root, "dist", "cli.js")).href), { version: "0.0.0", build: null });
  });
});

// A compiled build older than its sources is refused, never run silently; a deploy that ships
// dist/ without the sources has nothing to compare and runs.
import assert from "node:assert/strict";
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it } from "node:test";
import { refuseStaleBuild, staleBuildReason } from "../../../src/startup/fresh-build.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

/** A checkout with one source file and a build stamped at `builtAt` (seconds since the epoch). */
function checkout(builtAt: number, sourceAt: number, withSources = true): string {
  const root = tmpDir();
  mkdirSync(join(root, "dist"));
  writeFileSync(join(root, "dist", "cli.js"), "");
  writeFileSync(join(root, "dist", ".build-stamp"), "");
  utimesSync(join(root, "dist", ".build-stamp"), builtAt, builtAt);
  if (withSources) {
    mkdirSync(join(root, "src", "ssh"), { recursive: true });
    writeFileSync(join(root, "src", "ssh", "dial.ts"), "");
    utimesSync(join(root, "src", "ssh", "dial.ts"), sourceAt, sourceAt);
    mkdirSync(join(root, "commands"));
    writeFileSync(join(root, "commands", "status.ts"), "");
    utimesSync(join(root, "commands", "status.ts"), builtAt - 60, builtAt - 60);
  }
  return root;
}

describe("staleBuildReason", () => {
  it("accepts a build newer than every source", () => {
    assert.equal(staleBuildReason(checkout(2_000_000, 1_000_000)), undefined);
  });

  it("names the source file that changed after the build, and the command to rebuild", () => {
    assert.equal(staleBuildReason(checkout(1_000_000, 2_000_000)), "dist/ is older than src/ssh/dial.ts: run `npm run build`");
  });

  it("says there is no build when dist/ was never built", () => {
    const root = tmpDir();
    assert.match(staleBuildReason(root) ?? "", /dist\/ has not been built: run `npm run build`/);
  });

  it("runs a deployed dist/ that came without its sources", () => {
    assert.equal(staleBuildReason(checkout(1_000_000, 2_000_000, false)), undefined);
  });
});

describe("refuseStaleBuild", () => {
  it("refuses compiled code in a stale dist/, saying why on stderr", () => {
    const root = checkout(1_000_000, 2_000_000);
    let said = "";
    assert.equal(refuseStaleBuild(pathToFileURL(join(root, "dist", "cli.js")).href, { write: (s: string) => (said += s) }), true);
    assert.equal(said, "oyster: dist/ is older than src/ssh/dial.ts: run `npm run build`\n");
  });

  it("lets the TypeScript sources run (tests through tsx have no build to check)", () => {
    assert.equal(refuseStaleBuild("file:///anywhere/src/cli.ts", { write: () => assert.fail("nothing to say") }), false);
  });
});

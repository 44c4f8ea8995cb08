import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { signatureOf, watchedPaths } from "../../../src/ssh/ssh-config-files.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("the files an ssh -G answer depends on", () => {
  it("are the files ssh read plus, per Include, the file itself or the directory above its first glob", () => {
    const dir = tmpDir("oyster-ssh-files-");
    const config = join(dir, "config");
    writeFileSync(config, [
      `Include ${dir}/conf.d/*.conf "${dir}/with space/extra"`,
      "  include = relative/*/x.conf",
      "Include ~/.ssh/one.conf",
      "Host *",
      "  IdentityFile ~/id",
    ].join("\n"));
    assert.deepEqual(watchedPaths([config], "/home/acct"), [
      config,
      `${dir}/conf.d`,
      `${dir}/with space/extra`,
      // Relative includes are read from ~/.ssh of the account, as OpenSSH reads a user config.
      "/home/acct/.ssh/relative",
      "/home/acct/.ssh/one.conf",
    ]);
  });

  it("sign a missing file as absent, so its appearing changes the signature", () => {
    const path = join(tmpDir("oyster-ssh-files-"), "later.conf");
    assert.equal(signatureOf(path), "absent");
    writeFileSync(path, "Host x\n");
    assert.notEqual(signatureOf(path), "absent");
  });
});

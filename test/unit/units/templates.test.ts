import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ConfigError, OysterError } from "../../../src/errors.ts";
import { loadUnitTemplates, shippedTemplateDir } from "../../../src/units/templates.ts";

const shipped = shippedTemplateDir() ?? null;

function configDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "oyster-templates-"));
  mkdirSync(join(dir, "systemd"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "systemd", name), text);
  return dir;
}

describe("unit templates", () => {
  it("finds the shipped examples from the source tree, and they use only the built-in placeholders", () => {
    assert.ok(shipped?.endsWith(join("config", "systemd")));
    const t = loadUnitTemplates(configDir(), {}, shipped);
    assert.equal(t["agent-daemon"].file, join(shipped!, "agent-daemon.service.example"));
    assert.match(t.watcher.text, /^Restart=on-failure$/m);
    assert.match(t.watcher.text, /^User=\{user\}$/m);
  });

  it("prefers the operator's own template in OYSTER_CONFIG_DIR/systemd/", () => {
    const dir = configDir({ "watcher.service": "[Service]\nExecStart={python} w.py\n" });
    const t = loadUnitTemplates(dir, { python: "/usr/bin/python3" }, shipped);
    assert.equal(t.watcher.file, join(dir, "systemd", "watcher.service"));
    assert.equal(t["agent-daemon"].file, join(shipped!, "agent-daemon.service.example"));
  });

  it("lists every problem at once: unknown placeholders in each file and vars that shadow a built-in", () => {
    const dir = configDir({ "watcher.service": "x={a}\n", "agent-daemon.service": "\n\ny={b}\n" });
    const err = (() => {
      try {
        loadUnitTemplates(dir, { node: "x" }, shipped);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof ConfigError);
    assert.equal(err.problems.length, 3);
    assert.match(err.problems[0]!, /^oyster\.json: systemd\.vars\.node: \{node\} is a built-in placeholder/);
    assert.match(err.problems[1]!, /agent-daemon\.service: line 3: unknown placeholder \{b\}/);
    assert.match(err.problems[2]!, /watcher\.service: line 1: unknown placeholder \{a\}/);
  });

  it("says not configured when there is neither an operator's template nor a shipped one", () => {
    assert.throws(() => loadUnitTemplates(configDir(), {}, null), (e: unknown) => e instanceof OysterError && e.code === "NotConfigured");
  });
});

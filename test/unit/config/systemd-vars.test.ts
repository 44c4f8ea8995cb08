import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { ConfigError } from "../../../src/errors.ts";
import { configDir, HOME_ENV, thrown } from "./config-dir.ts";

const load = (systemd: unknown) => loadConfig({ dir: configDir({ "oyster.json": { systemd } }), env: HOME_ENV }).config.oyster.systemd;

describe("oyster.json systemd.vars", () => {
  it("defaults to no extra placeholders and keeps the ones given", () => {
    assert.deepEqual(load({}).vars, {});
    assert.deepEqual(load({ vars: { python: "/usr/bin/python3", AGENT_ARGS: "--fast" } }).vars, { python: "/usr/bin/python3", AGENT_ARGS: "--fast" });
  });

  it("refuses names that are not placeholder names and values that could add a line to a unit", () => {
    const err = thrown(() => load({ vars: { "1st": "x", "has-dash": "x", nl: "a\nExecStart=/bin/evil", tab: "a\tb", num: 3 } }));
    assert.ok(err instanceof ConfigError);
    assert.deepEqual(err.problems.sort(), [
      'oyster.json: systemd.vars.nl: expected a single line with no control characters, got "a\\nExecStart=/bin/evil"',
      "oyster.json: systemd.vars.num: expected a string, got 3",
      'oyster.json: systemd.vars.tab: expected a single line with no control characters, got "a\\tb"',
      'oyster.json: systemd.vars["1st"]: placeholder name "1st" must match ^[A-Za-z][A-Za-z0-9_]*$',
      'oyster.json: systemd.vars.has-dash: placeholder name "has-dash" must match ^[A-Za-z][A-Za-z0-9_]*$',
    ].sort());
  });

  it("refuses a vars value that is not a map", () => {
    const err = thrown(() => load({ vars: ["x"] }));
    assert.ok(err instanceof ConfigError);
    assert.deepEqual(err.problems, ['oyster.json: systemd.vars: expected a map of placeholder name to string, got ["x"]']);
  });
});

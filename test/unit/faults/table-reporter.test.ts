// The fault suite's table is read back from the test runner's own results: a case that fails is a
// FAIL row, a case left to the full suite is "skipped" under npm test, and the JSON holds the same
// rows. Runs a small suite of made-up cases in a child node --test with the reporter.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";

const root = resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "oyster-fault-table-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const SUITE = `
import assert from "node:assert/strict";
import { describe } from "node:test";
import { fault } from ${JSON.stringify(join(root, "test/faults/fault-case.ts"))};
describe("made-up faults", () => {
  fault("nodes", { broken: "node stopped", holds: "reported down, exit 1", quick: true }, () => assert.ok(true));
  fault("clock", { broken: "clock jumps 8 h forward", holds: "each daily job runs once", quick: true }, () => assert.equal(2, 1, "ran twice"));
  fault("input", { broken: "a NUL in an argument", holds: "exit 2, nothing run" }, () => assert.ok(true));
});
`;

function withoutTestContext(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_TEST_CONTEXT: _, ...rest } = env;
  return rest;
}

function run(env: NodeJS.ProcessEnv): { stdout: string; json: { cases: Array<Record<string, unknown>>; passed: number; failed: number; skipped: number } } {
  const file = join(dir, "made-up.test.ts");
  writeFileSync(file, SUITE);
  const out = join(dir, `rows-${Object.keys(env).join("-") || "quick"}.json`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "--test", `--test-reporter=${join(root, "test/faults/table-reporter.mjs")}`, "--test-reporter-destination=stdout", file], {
    cwd: root,
    encoding: "utf8",
    // Without NODE_TEST_CONTEXT: under it the child would report to this runner instead of running its own.
    env: { ...withoutTestContext(process.env), OYSTER_FAULTS: "", ...env, OYSTER_FAULTS_JSON: out },
  });
  assert.notEqual(r.status, 0, "a failing case fails the run");
  return { stdout: r.stdout, json: JSON.parse(readFileSync(out, "utf8")) };
}

describe("the fault table", () => {
  it("lists every case with what is broken, what must hold and its result; a failing case is FAIL with its error, a full-suite case is skipped under npm test", () => {
    const { stdout, json } = run({});
    assert.match(stdout, /^nodes\s+\| node stopped\s+\| reported down, exit 1\s+\| pass/m);
    assert.match(stdout, /^clock\s+\| clock jumps 8 h forward\s+\| each daily job runs once\s+\| FAIL/m);
    assert.match(stdout, /^input\s+\| a NUL in an argument\s+\| exit 2, nothing run\s+\| skipped/m);
    assert.match(stdout, /passed 1, failed 1, skipped 1/);
    assert.match(stdout, /FAIL \[clock\] clock jumps 8 h forward: ran twice/);
    assert.deepEqual([json.passed, json.failed, json.skipped], [1, 1, 1]);
    assert.deepEqual(json.cases.map((c) => [c.class, c.result]), [["clock", "FAIL"], ["input", "skipped"], ["nodes", "pass"]]);
  });

  it("OYSTER_FAULTS=all (npm run test:faults) runs the full-suite cases too", () => {
    const { json } = run({ OYSTER_FAULTS: "all" });
    assert.deepEqual(json.cases.map((c) => [c.class, c.result]), [["clock", "FAIL"], ["input", "pass"], ["nodes", "pass"]]);
  });
});

// The README promises what the tree holds: every folder and file its Project structure names
// exists and every src/ folder is named, every registered command has a row in Commands (and no
// row names a command that is not registered), every job has its section under Jobs, and every
// `npm run <script>` it tells you to type is in package.json; the config files it has you copy
// into config/ stay out of git.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { commands } from "../../commands/index.ts";
import { jobs } from "../../jobs/index.ts";
import { PROJECT_ROOT } from "../helpers/spawn-tsx.ts";

const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");

/** The text from `## <title>` up to the next `## ` heading. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `README has a "## ${title}" section`);
  const rest = readme.slice(start + title.length + 5);
  const end = rest.indexOf("\n## ");
  return end < 0 ? rest : rest.slice(0, end);
}

/** The paths the Project structure block names: the first column of each entry line. */
function structurePaths(): string[] {
  const block = /```\n([\s\S]*?)```/.exec(section("Project structure"))?.[1];
  assert.ok(block, "Project structure has a code block");
  return block
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith(" "))
    .flatMap((line) => {
      // `jobs/backup/, jobs/sync/, jobs/report/  the ...`: several paths, then two spaces.
      const paths = line.split(/ {2,}/)[0]!;
      return paths.split(/,\s*/);
    });
}

describe("README.md", () => {
  it("names only paths that exist in its Project structure", () => {
    const paths = structurePaths();
    assert.ok(paths.length > 40, "the structure block was read");
    // dist/ is the build: not committed, but there after `npm ci` (npm test builds it first).
    assert.deepEqual(paths.filter((p) => !existsSync(join(PROJECT_ROOT, p))), []);
    assert.deepEqual(paths.filter((p) => p.endsWith("/") && !statSync(join(PROJECT_ROOT, p)).isDirectory()), []);
  });

  it("names every folder of src/ in its Project structure", () => {
    const listed = new Set(structurePaths());
    const folders = readdirSync(join(PROJECT_ROOT, "src"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `src/${d.name}/`);
    assert.deepEqual(folders.filter((f) => !listed.has(f)), []);
  });

  it("has a Commands row for every registered command, and none for a command that is not", () => {
    const rows = section("Commands").split("\n").filter((line) => line.startsWith("| `"));
    const documented = new Set(rows.map((line) => /^\| `([a-z-]+)/.exec(line)?.[1]));
    const registered = commands.map((c) => c.name);
    assert.deepEqual(registered.filter((name) => !documented.has(name)), []);
    assert.deepEqual([...documented].filter((name) => !registered.includes(name!)), []);
  });

  it("has a section under Jobs for every scheduled job", () => {
    const jobsSection = section("Jobs");
    assert.deepEqual(jobs.map((j) => j.name).filter((name) => !jobsSection.includes(`\n### ${name} (`)), []);
  });

  it("tells you to run only npm scripts that package.json has", () => {
    const scripts = Object.keys((JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);
    const named = [...readme.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]!);
    assert.ok(named.length > 0, "the README names npm scripts");
    assert.deepEqual([...new Set(named)].filter((name) => !scripts.includes(name)), []);
    for (const builtin of ["start", "test"]) assert.ok(scripts.includes(builtin), `npm ${builtin} has a script`);
  });

  it("keeps the config files you copy into config/ out of git, and the shipped examples in", (t) => {
    const ignored = (path: string): boolean => {
      try {
        execFileSync("git", ["check-ignore", "-q", path], { cwd: PROJECT_ROOT, stdio: "ignore" });
        return true;
      } catch (err) {
        if ((err as { status?: number }).status === 1) return false;
        throw err;
      }
    };
    if (!existsSync(join(PROJECT_ROOT, ".git"))) return t.skip("not a git checkout");
    for (const file of ["nodes.json", "projects.json", "guardian_config.json", "oyster.json", "systemd/agent-daemon.service", "systemd/watcher.service"]) {
      assert.equal(ignored(`config/${file}`), true, `config/${file} is ignored`);
    }
    for (const file of ["nodes.example.json", "oyster.example.json", "README.md", "systemd/watcher.service.example"]) {
      assert.equal(ignored(`config/${file}`), false, `config/${file} is kept`);
    }
  });
});

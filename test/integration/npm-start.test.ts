// `npm start` runs the compiled bot with plain node: no TypeScript loader in the process, its
// arguments or its environment, and no esbuild service beside it (tsx would start one).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { PROJECT_ROOT } from "../helpers/spawn-tsx.ts";
import { tmpDir } from "../helpers/tmp-dir.ts";
import { waitUntil } from "../helpers/wait-until.ts";

interface Proc {
  pid: number;
  ppid: number;
  argv: string[];
  env: string[];
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    const env = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean);
    return { pid, ppid, argv, env };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Every process below `root`, from /proc (Linux). */
function descendants(root: number): Proc[] {
  const all = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map((d) => readProc(Number(d))).filter((p): p is Proc => p !== undefined);
  const found: Proc[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

describe("npm start", { skip: process.platform !== "linux" && "reads /proc" }, () => {
  it("runs node dist/main.js: no tsx or esbuild in the bot's process, arguments, environment or children", async () => {
    const cwd = tmpDir();
    const env = { PATH: process.env.PATH, HOME: cwd, OYSTER_CONFIG_DIR: `${cwd}/config`, OYSTER_DATA_DIR: `${cwd}/data` };
    const npm = spawn("npm", ["start", "--silent"], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    npm.stderr.on("data", (d) => (stderr += d));
    let botPid: number | undefined;
    try {
      await waitUntil(() => stderr.includes("oyster running"), "the bot to say it is running", 20_000);
      const procs = descendants(npm.pid!);
      const bots = procs.filter((p) => p.argv.some((a) => a.endsWith("dist/main.js")));
      assert.equal(bots.length, 1, `one node running dist/main.js; saw ${JSON.stringify(procs.map((p) => p.argv))}`);
      const [bot] = bots;
      botPid = bot!.pid;
      assert.match(bot!.argv[0]!, /(^|\/)node$/, "started by plain node");
      assert.deepEqual(bot!.argv.slice(1), ["dist/main.js"], "no --import / --loader flags");
      for (const p of procs) {
        assert.ok(!p.argv.join(" ").match(/tsx|esbuild/), `a process runs a TypeScript loader: ${p.argv.join(" ")}`);
      }
      const nodeOptions = bot!.env.find((e) => e.startsWith("NODE_OPTIONS="));
      assert.ok(!nodeOptions?.match(/tsx|--import|--loader/), `NODE_OPTIONS loads something: ${nodeOptions}`);
    } finally {
      // The bot itself, as a service manager would signal it (npm need not forward signals).
      const exited = once(npm, "exit");
      if (botPid !== undefined) process.kill(botPid, "SIGTERM");
      else npm.kill("SIGTERM");
      await exited;
    }
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../../src/errors.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { configDir, HOME_ENV, thrown } from "./config-dir.ts";

function loadOyster(oyster: unknown, env: NodeJS.ProcessEnv = HOME_ENV) {
  return loadConfig({ dir: configDir({ "oyster.json": oyster }), env }).config.oyster;
}

function oysterProblems(oyster: unknown): string[] {
  const err = thrown(() => loadOyster(oyster));
  assert.ok(err instanceof ConfigError);
  return err.problems;
}

describe("oyster.json", () => {
  it("normalises a single email.to address to a list", () => {
    assert.deepEqual(loadOyster({ email: { to: "ops@example.com" } }).email.to, ["ops@example.com"]);
    assert.deepEqual(loadOyster({ email: { to: ["a@x.io", "b@x.io"] } }).email.to, ["a@x.io", "b@x.io"]);
  });

  it("refuses an email.to that is neither an address nor a list of them", () => {
    assert.deepEqual(oysterProblems({ email: { to: 3, from: "nobody" } }), [
      'oyster.json: email.from: expected an email address, got "nobody"',
      "oyster.json: email.to: expected an email address or a list of them, got 3",
    ]);
  });

  it("expands ~ in local paths with the HOME of the given env, and leaves other paths alone", () => {
    const oyster = loadOyster(
      {
        ssh: { configFile: "~/cfg/ssh", identityFile: "~/.ssh/id_fleet", knownHostsFile: "/etc/ssh/known" },
        dispatch: { dir: "~" },
        oci: { sshPublicKeyFile: "~/.ssh/id.pub", configFile: "~other/oci" },
        systemd: { unitDir: "~/units" },
      },
      { HOME: "/Users/ada" },
    );
    assert.equal(oyster.ssh.configFile, "/Users/ada/cfg/ssh");
    assert.equal(oyster.ssh.identityFile, "/Users/ada/.ssh/id_fleet");
    assert.equal(oyster.ssh.knownHostsFile, "/etc/ssh/known");
    assert.equal(oyster.dispatch.dir, "/Users/ada");
    assert.equal(oyster.oci.sshPublicKeyFile, "/Users/ada/.ssh/id.pub");
    assert.equal(oyster.oci.configFile, "~other/oci");
    assert.equal(oyster.systemd.unitDir, "~/units");
  });

  it("resolves a relative dispatch.db inside dispatch.dir and keeps an absolute one", () => {
    assert.equal(loadOyster({ dispatch: { dir: "/srv/dispatch", db: "data/d.db" } }).dispatch.db, "/srv/dispatch/data/d.db");
    assert.equal(loadOyster({ dispatch: { dir: "/srv/dispatch", db: "/var/lib/d.db" } }).dispatch.db, "/var/lib/d.db");
    assert.equal(loadOyster({ dispatch: { dir: "~/d", db: "~/elsewhere.db" } }).dispatch.db, "/home/tester/elsewhere.db");
    assert.equal(loadOyster({ dispatch: { dir: "~/d" } }).dispatch.db, "/home/tester/d/dispatch.db");
  });

  it("refuses secret-looking keys at any level and says to use an environment variable", () => {
    const problems = oysterProblems({
      slack: { botToken: "xoxb-1" },
      email: { smtpPassword: "hunter2" },
      monitor: { providers: { openai: [{ label: "a", keyEnv: "OPENAI_API_KEY", apiKey: "sk-1" }] } },
    });
    assert.equal(problems.length, 3);
    for (const [index, path] of ["slack.botToken", "email.smtpPassword", "monitor.providers.openai[0].apiKey"].entries()) {
      assert.ok(problems[index]!.startsWith(`oyster.json: ${path}: looks like a secret;`), problems[index]);
      assert.match(problems[index]!, /environment variable/);
    }
  });

  it("accepts keys that name the environment variable holding a secret", () => {
    const providers = { anthropic: [{ label: "team", keyEnv: "ANTHROPIC_API_KEY", adminKeyEnv: "ANTHROPIC_ADMIN_KEY" }] };
    assert.deepEqual(loadOyster({ monitor: { providers } }).monitor.providers, providers);
  });

  it("refuses env variable names that do not look like one", () => {
    assert.deepEqual(oysterProblems({ monitor: { providers: { zai: [{ label: "z", keyEnv: "zai key", adminKeyEnv: "1X" }] } } }), [
      'oyster.json: monitor.providers.zai[0].keyEnv: "zai key" must match ^[A-Z_][A-Z0-9_]*$',
      'oyster.json: monitor.providers.zai[0].adminKeyEnv: "1X" must match ^[A-Z_][A-Z0-9_]*$',
    ]);
  });

  it("accepts an IANA time zone and refuses a made-up one", () => {
    assert.equal(loadOyster({ timezone: "America/New_York" }).timezone, "America/New_York");
    assert.deepEqual(oysterProblems({ timezone: "Mars/Olympus" }), [
      'oyster.json: timezone: "Mars/Olympus" is not an IANA time zone name (e.g. "Europe/London", "UTC")',
    ]);
  });

  it("accepts 5- and 6-field cron expressions with names and refuses malformed ones", () => {
    const schedules = { monitor: "*/10 * * * *", backup: "30 0 3 * * MON-FRI", sync: "0 8-18/2 * JAN,JUL *", report: "0 9 1 * *" };
    assert.deepEqual(loadOyster({ schedules }).schedules, schedules);
    assert.deepEqual(oysterProblems({ schedules: { monitor: "300", backup: "0 3 * * ?", report: 5 } }), [
      'oyster.json: schedules.monitor: "300" is not a cron expression: expected 5 or 6 space-separated fields, got 1',
      'oyster.json: schedules.backup: "0 3 * * ?" is not a cron expression: field 5 ("?") may hold only digits, names, * , - /',
      "oyster.json: schedules.report: expected a cron expression, got 5",
    ]);
  });

  it("enforces the documented ranges", () => {
    assert.deepEqual(
      oysterProblems({
        guardian: { stormShare: 1.5 },
        oci: { intervalSeconds: 29, ocpus: 0 },
        monitor: { thresholds: [80, 101] },
        ssh: { keepaliveMs: -1, concurrency: 0 },
        http: { port: 70000 },
      }),
      [
        "oyster.json: ssh.concurrency: expected a positive integer, got 0",
        "oyster.json: ssh.keepaliveMs: expected an integer >= 0, got -1",
        "oyster.json: guardian.stormShare: expected a share greater than 0 and at most 1, got 1.5",
        "oyster.json: monitor.thresholds[1]: expected a percentage greater than 0 and at most 100, got 101",
        "oyster.json: oci.ocpus: expected a positive number, got 0",
        "oyster.json: oci.intervalSeconds: expected an integer >= 30, got 29",
        "oyster.json: http.port: expected a port number (1-65535), got 70000",
      ],
    );
  });

  it("takes monitor.thresholds as [warning, critical]: one or two levels, rising", () => {
    assert.deepEqual(loadOyster({ monitor: { thresholds: [70] } }).monitor.thresholds, [70]);
    assert.deepEqual(loadOyster({ monitor: { thresholds: [70, 90] } }).monitor.thresholds, [70, 90]);
    const levels = "expected [warning, critical]: one or two used % levels, the second above the first";
    for (const thresholds of [[], [80, 90, 95], [95, 80], [80, 80]]) {
      assert.deepEqual(oysterProblems({ monitor: { thresholds } }), [`oyster.json: monitor.thresholds: ${levels}, got ${JSON.stringify(thresholds)}`]);
    }
  });

  it("refuses sync files that would leave the dispatch dir", () => {
    assert.deepEqual(oysterProblems({ sync: { files: ["dispatch.py", "../secrets", "/etc/passwd"] } }), [
      'oyster.json: sync.files[1]: "../secrets" must be a plain name or a path under the dispatch dir: no "." or ".." segments (write "sub/x.sh", not "./sub/x.sh")',
      'oyster.json: sync.files[2]: "/etc/passwd" must be relative to the dispatch dir, not an absolute path',
    ]);
  });

  it("refuses sync and param file names with ./, . or .. segments, empty segments, or odd characters", () => {
    const segments = (n: string) => `${JSON.stringify(n)} must be a plain name or a path under the dispatch dir: no "." or ".." segments (write "sub/x.sh", not "./sub/x.sh")`;
    const names = ["./.ssh/authorized_keys", "sub/./x.sh", "sub/../../x", ".", "sub//x.sh", "sub/", "", "sub/-rf", "a b"];
    assert.deepEqual(oysterProblems({ sync: { files: names }, guardian: { params: { files: ["./nodes.json"] } } }), [
      `oyster.json: sync.files[0]: ${segments("./.ssh/authorized_keys")}`,
      `oyster.json: sync.files[1]: ${segments("sub/./x.sh")}`,
      `oyster.json: sync.files[2]: ${segments("sub/../../x")}`,
      `oyster.json: sync.files[3]: ${segments(".")}`,
      'oyster.json: sync.files[4]: "sub//x.sh" has an empty path segment ("//" or a trailing "/")',
      'oyster.json: sync.files[5]: "sub/" has an empty path segment ("//" or a trailing "/")',
      "oyster.json: sync.files[6]: expected a file name, got an empty string",
      'oyster.json: sync.files[7]: "sub/-rf": segment "-rf" must match ^[A-Za-z0-9._][A-Za-z0-9._-]*$',
      'oyster.json: sync.files[8]: "a b": segment "a b" must match ^[A-Za-z0-9._][A-Za-z0-9._-]*$',
      `oyster.json: guardian.params.files[0]: ${segments("./nodes.json")}`,
    ]);
  });

  it("accepts plain names, hidden files and relative paths under the dispatch dir", () => {
    const files = ["dispatch.py", ".env", "sub/x.sh", "a/b/c.json", "sub/.hidden"];
    assert.deepEqual(loadOyster({ sync: { files } }).sync.files, files);
  });

  it("keeps sync.restart's units per file, {node} unfilled until a node is known", () => {
    const restart = { "task-watcher.py": ["{node}-watcher"], "dispatch.py": ["agent-daemon", "{node}-watcher.service"] };
    assert.deepEqual(loadOyster({ sync: { restart } }).sync.restart, restart);
    assert.deepEqual(loadOyster({ sync: { files: ["sub/x.sh"], restart: { "sub/x.sh": ["x@{node}"] } } }).sync.restart, { "sub/x.sh": ["x@{node}"] });
  });

  it("refuses a sync.restart file that is not in sync.files, and unit names that are not unit names once {node} is filled in", () => {
    assert.deepEqual(oysterProblems({ sync: { files: ["dispatch.py", "task-watcher.py"], restart: { "task_watcher.py": ["{node}-watcher"], "dispatch.py": ["-agent", "agent daemon", "{host}-watcher", "ok"] } } }), [
      'oyster.json: sync.restart["dispatch.py"][0]: "-agent" is not a systemd unit name ({node} allowed): once {node} is filled in, it must match ^[A-Za-z0-9@._][A-Za-z0-9@._-]*$',
      'oyster.json: sync.restart["dispatch.py"][1]: "agent daemon" is not a systemd unit name ({node} allowed): once {node} is filled in, it must match ^[A-Za-z0-9@._][A-Za-z0-9@._-]*$',
      'oyster.json: sync.restart["dispatch.py"][2]: "{host}-watcher" is not a systemd unit name ({node} allowed): once {node} is filled in, it must match ^[A-Za-z0-9@._][A-Za-z0-9@._-]*$',
      'oyster.json: sync.restart["task_watcher.py"]: "task_watcher.py" is not one of sync.files (dispatch.py, task-watcher.py): it is never synced, so nothing would restart',
    ]);
    assert.deepEqual(oysterProblems({ sync: { restart: { "dispatch.py": "agent-daemon" } } }), [
      'oyster.json: sync.restart["dispatch.py"]: expected a list of unit names, got "agent-daemon"',
    ]);
  });

  it("refuses Slack user ids in roles that are not Slack user ids", () => {
    assert.deepEqual(oysterProblems({ roles: { admins: ["U012ABC"], operators: ["alice"] } }), [
      'oyster.json: roles.operators[0]: "alice" must match ^[UW][A-Z0-9]+$',
    ]);
  });
});

describe("oyster.json schedules", () => {
  it("refuses a cron expression whose values are out of range", () => {
    const err = thrown(() => loadConfig({ dir: configDir({ "oyster.json": { schedules: { backup: "99 3 * * *" } } }), env: HOME_ENV })) as ConfigError;
    assert.deepEqual(err.problems, ['oyster.json: schedules.backup: "99 3 * * *" is not a valid cron expression (a value is out of range)']);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OysterError } from "../../../src/errors.ts";
import { renderTemplate, unknownPlaceholderProblems } from "../../../src/units/placeholders.ts";

const KNOWN = new Set(["node", "user", "home", "dispatchDir", "python"]);

describe("unit template placeholders", () => {
  it("fills {name} placeholders and leaves systemd's ${VAR}, other braces and comment lines as written", () => {
    const text = "# {node} is explained here\n[Service]\nUser={user}\nExecStart={python} ${HOME}/x { node } {node}\n; {user} too\n";
    assert.equal(
      renderTemplate(text, { node: "glm-1", user: "agent", python: "/usr/bin/python3" }),
      "# {node} is explained here\n[Service]\nUser=agent\nExecStart=/usr/bin/python3 ${HOME}/x { node } glm-1\n; {user} too\n",
    );
  });

  it("names the file and line of every unknown placeholder, and ignores comments and ${...}", () => {
    const text = "[Unit]\n# {nope} in a comment is fine\nDescription={node} {nodename}\nExecStart=${HOME} {Python}\n";
    assert.deepEqual(unknownPlaceholderProblems({ file: "systemd/watcher.service", text }, KNOWN), [
      "systemd/watcher.service: line 3: unknown placeholder {nodename} (known: {dispatchDir} {home} {node} {python} {user})",
      "systemd/watcher.service: line 4: unknown placeholder {Python} (known: {dispatchDir} {home} {node} {python} {user})",
    ]);
  });

  it("refuses to render a value holding a newline or another control character", () => {
    for (const bad of ["agent\nExecStartPre=/bin/evil", "a\rb", "a\u001bb"]) {
      const err = (() => {
        try {
          renderTemplate("User={user}\n", { user: bad });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      assert.ok(err instanceof OysterError && err.code === "InvalidArgument", JSON.stringify(bad));
    }
  });

  it("refuses to render a value ending in or holding a backslash, or holding a % specifier, naming the placeholder", () => {
    // `User={user}` after `ExecStart={python}`: a trailing backslash would make systemd read
    // `ExecStart=... User=agent` as one line, and the service would run as root.
    for (const bad of ["/usr/bin/python3 \\", "/opt/py\\x2d3", "%h/venv/bin/python"]) {
      assert.throws(
        () => renderTemplate("ExecStart={python}\nUser={user}\n", { python: bad, user: "agent" }),
        (e: unknown) => e instanceof OysterError && e.code === "InvalidArgument" && e.message.startsWith(`refusing to render a unit: {python} ${JSON.stringify(bad)} `),
        JSON.stringify(bad),
      );
    }
  });
});

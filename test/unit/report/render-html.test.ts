import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildReport } from "../../../src/report/build-report.ts";
import { escapeHtml, renderHtml } from "../../../src/report/render/html.ts";
import { hoursAgo, install, now, writeDispatchDb } from "./fixture.ts";

describe("HTML report", () => {
  it("escapes hostile text from task errors, project names, node names and alert messages", async () => {
    const inst = install({ nodes: ["node-a"] });
    writeDispatchDb(inst.dispatchDir, [
      { project: "<img src=x onerror=alert(1)>", status: "failed", created: hoursAgo(2), finished: hoursAgo(1), node: "n\"><b>x</b>", error: "<script>fetch('//evil')</script>" },
    ]);
    const r = await buildReport({
      config: inst.config, store: inst.store, now,
      reachability: async () => [{ node: "node-a", up: false, error: "SshError: banner was <iframe src=//evil>" }],
    });
    const html = renderHtml(r);
    assert.ok(!/<script|<img|<iframe|<b>x/i.test(html), html);
    assert.match(html, /&lt;script&gt;fetch\(&#39;\/\/evil&#39;\)&lt;\/script&gt;/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /n&quot;&gt;&lt;b&gt;x&lt;\/b&gt;/);
    assert.match(html, /banner was &lt;iframe src=\/\/evil&gt;/);
  });

  it("escapes the five characters that matter in text and attributes", () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});

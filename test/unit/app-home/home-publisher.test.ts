// Publishing the Home: at once for whoever opens it; after alert changes, one coalesced refresh
// for recent viewers, spaced out; refused users get a notice and no refreshes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HomePublisher, type HomeClient } from "../../../src/app-home/home-publisher.ts";
import { withHomeRefresh } from "../../../src/app-home/home-refresh-notifier.ts";
import type { HomeView } from "../../../src/app-home/home-view.ts";
import { HomeViewers } from "../../../src/app-home/home-viewers.ts";
import type { AlertEvent } from "../../../src/alerts/types.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

interface Published {
  user: string;
  view: HomeView;
  at: number;
}

function client(fail: (user: string) => string | undefined = () => undefined): HomeClient & { published: Published[] } {
  const published: Published[] = [];
  return {
    published,
    views: {
      async publish({ user_id, view }) {
        const error = fail(user_id);
        if (error) throw Object.assign(new Error(`An API error occurred: ${error}`), { data: { ok: false, error } });
        published.push({ user: user_id, view, at: Date.now() });
        return { ok: true };
      },
    },
  };
}

const view = (n: number): HomeView => ({ type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text: `build ${n}` } }] });
const REFUSED: HomeView = { type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text: "not for you" } }] };

function publisher(c: HomeClient, over: Partial<ConstructorParameters<typeof HomePublisher>[0]> = {}) {
  let builds = 0;
  const p = new HomePublisher({
    client: c,
    build: () => view(++builds),
    refusal: (u) => (u.startsWith("UVIEW") ? REFUSED : undefined),
    log: memoryLogger("silent").log,
    coalesceMs: 20,
    minIntervalMs: 300,
    ...over,
  });
  return { p, builds: () => builds };
}

describe("HomePublisher", () => {
  it("publishes the Home of whoever opens it, at once", async () => {
    const c = client();
    const { p } = publisher(c);
    await p.opened("UOPER");
    assert.deepEqual(c.published.map((x) => [x.user, x.view]), [["UOPER", view(1)]]);
    p.stop();
  });

  it("turns a storm of alert changes into one refresh per recent viewer, built once", async () => {
    const c = client();
    const { p, builds } = publisher(c);
    await p.opened("UA");
    await p.opened("UB");
    for (let i = 0; i < 100; i++) p.alertChanged();
    await waitUntil(() => c.published.length >= 4, "the refresh");
    await new Promise((r) => setImmediate(r));
    assert.equal(p.rounds, 1);
    assert.equal(builds(), 3);
    assert.deepEqual(c.published.slice(2).map((x) => [x.user, x.view]), [["UB", view(3)], ["UA", view(3)]]);
    p.stop();
  });

  it("spaces refreshes at least minIntervalMs apart", async () => {
    const c = client();
    const { p } = publisher(c);
    await p.opened("UA");
    p.alertChanged();
    await waitUntil(() => p.rounds === 1 && c.published.length === 2, "the first refresh");
    const first = c.published[1]!.at;
    p.alertChanged();
    await waitUntil(() => c.published.length === 3, "the second refresh");
    assert.ok(c.published[2]!.at - first >= 280, `${c.published[2]!.at - first} ms apart`);
    p.stop();
  });

  it("a change while a refresh is still publishing makes exactly one more refresh after it", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const c = client();
    const slow: HomeClient = { views: { publish: async (a) => (a.user_id === "USLOW" && p.rounds === 1 ? gate.then(() => c.views.publish(a)) : c.views.publish(a)) } };
    const { p } = publisher(slow, { minIntervalMs: 0 });
    await p.opened("USLOW");
    p.alertChanged();
    await waitUntil(() => p.rounds === 1, "the first refresh to start");
    for (let i = 0; i < 10; i++) p.alertChanged();
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(p.rounds, 1, "no second refresh while the first publishes");
    release();
    await waitUntil(() => p.rounds === 2 && c.published.length === 3, "one more refresh");
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(p.rounds, 2);
    p.stop();
  });

  it("shows a refused user a notice and never refreshes their Home", async () => {
    const c = client();
    const { p } = publisher(c);
    await p.opened("UVIEWER");
    assert.deepEqual(c.published.map((x) => x.view), [REFUSED]);
    p.alertChanged();
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(p.rounds, 0);
    assert.equal(c.published.length, 1);
    p.stop();
  });

  it("forgets a user Slack no longer knows, and keeps refreshing the others", async () => {
    const c = client((u) => (u === "UGONE" && c.published.length > 0 ? "user_not_found" : undefined));
    const { p } = publisher(c, { minIntervalMs: 0 });
    await p.opened("UGONE");
    await p.opened("UOK");
    p.alertChanged();
    await waitUntil(() => p.rounds === 1 && c.published.length === 3, "the refresh");
    assert.deepEqual(p.viewers.recent(Date.now()), ["UOK"]);
    p.stop();
  });

  it("refreshes when the open alerts change in another process (the fingerprint moves)", async () => {
    const c = client();
    let fp = "a";
    const { p } = publisher(c, { alertsFingerprint: () => fp, watchMs: 20 });
    p.start();
    await p.opened("UA");
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(p.rounds, 0, "no change, no refresh");
    fp = "b";
    await waitUntil(() => p.rounds === 1, "a refresh after the fingerprint changed");
    p.stop();
  });
});

describe("withHomeRefresh", () => {
  it("tells the Home about every alert change but a reminder, and still delivers each event", async () => {
    const delivered: string[] = [];
    let changes = 0;
    const n = withHomeRefresh({ notify: async (e) => void delivered.push(e.kind) }, { alertChanged: () => void changes++ });
    for (const kind of ["raised", "reminder", "acknowledged", "snoozed", "resolved"] as const) await n.notify({ kind, alert: {} as AlertEvent["alert"] });
    assert.deepEqual(delivered, ["raised", "reminder", "acknowledged", "snoozed", "resolved"]);
    assert.equal(changes, 4);
  });
});

describe("HomeViewers", () => {
  it("keeps the most recent users within the window and at most max of them", () => {
    const v = new HomeViewers({ windowMs: 1000, max: 2 });
    v.saw("U1", 0);
    v.saw("U2", 100);
    v.saw("U3", 200);
    assert.deepEqual(v.recent(300), ["U3", "U2"]);
    v.saw("U2", 900);
    assert.deepEqual(v.recent(1150), ["U2", "U3"]);
    assert.deepEqual(v.recent(1250), ["U2"]);
  });
});

// A local Slack for tests: the Web API (form-encoded POSTs, Bearer tokens, Slack's answers and
// failure modes) and Socket Mode (tickets, hello, envelopes, acks, disconnects) on one port, driven
// by the real @slack/bolt. See /work/shared/reference/slack.md for the protocol facts it follows.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { createRouter } from "./http-routes.ts";
import { listen, stopListening } from "./listener.ts";
import { MisbehaviourPlan } from "./misbehaviour.ts";
import { appHomeOpenedEvent, DEFAULT_WORKSPACE, eventCallbackPayload, slashCommandFields } from "./payloads.ts";
import { SocketServer } from "./socket-server.ts";
import type { ApiCall, StandIn, StandInOptions, Workspace } from "./types.ts";
import { WebApiState } from "./web-api.ts";

export type { ApiCall, Misbehaviour, SlashCommandInput, StandIn, StandInOptions, StoredHomeView, StoredMessage, StoredUpload } from "./types.ts";
export { appHomeOpenedEvent, blockActionsPayload, channelName, DEFAULT_WORKSPACE, eventCallbackPayload, slashCommandForm, userName } from "./payloads.ts";
export { signSlackRequest } from "./signing.ts";

// Slack accepts a response_url up to 5 times (within 30 minutes); http-routes.ts enforces the count.
const RESPONSE_URL_USES = 5;

export async function startStandIn(opts: StandInOptions = {}): Promise<StandIn> {
  const ws: Workspace = { ...DEFAULT_WORKSPACE, botUserId: opts.botUserId ?? DEFAULT_WORKSPACE.botUserId, teamId: opts.teamId ?? DEFAULT_WORKSPACE.teamId };
  let port = 0;
  const base = () => `http://127.0.0.1:${port}/`;
  const socket = new SocketServer(ws);
  const state = new WebApiState(ws, base, () => socket.issueUrl(port));
  const calls: ApiCall[] = [];
  const responses: Array<{ id: string; body: Record<string, unknown> }> = [];
  const responseUses = new Map<string, number>();
  const plan = new MisbehaviourPlan();

  const server = createServer(createRouter({ calls, responses, responseUses, plan, state }));
  server.on("upgrade", (req, sock, head) => socket.handleUpgrade(req, sock, head));
  port = await listen(server, 0);
  let closed = false;

  const responseUrl = (): string => {
    // Slack's shape: /commands/<team>/<id>/<secret>; one opaque id is enough here.
    const id = `${ws.teamId}-${randomUUID()}`;
    responseUses.set(id, RESPONSE_URL_USES);
    return `${base()}response/${id}`;
  };

  return {
    apiUrl: `${base()}api/`,
    calls,
    responses,
    uploads: state.uploads,
    messages: (channel) => state.messages.filter((m) => channel === undefined || m.channel === channel).map((m) => ({ ...m })),
    responseUrl,
    misbehave: (m) => plan.set(m),
    reset() {
      calls.length = 0;
      responses.length = 0;
      state.reset();
      plan.clear();
    },
    get connectionsOpened() {
      return socket.opened;
    },
    waitForSocket: (timeoutMs = 10_000) => socket.waitForSocket(timeoutMs),
    async slashCommand(p) {
      const url = responseUrl();
      const payload = slashCommandFields({ ...p, response_url: url }, ws);
      const { ackMs, ack } = await socket.send("slash_commands", payload, true);
      return { ackMs, ack, responseUrl: url };
    },
    homeView: (userId) => {
      const v = state.homes.byUser.get(userId);
      return v ? { ...v } : undefined;
    },
    async appHomeOpened(p) {
      // Events need no response payload: Slack says so in the envelope.
      const view = p.tab === "messages" ? undefined : state.homes.byUser.get(p.user_id);
      const { ackMs } = await socket.send("events_api", eventCallbackPayload(appHomeOpenedEvent({ ...p, ...(view ? { view } : {}) }, ws), ws), false);
      return { ackMs };
    },
    async interaction(payload) {
      // block_actions acks carry no response payload in Socket Mode; Slack says so in the envelope.
      const { ackMs } = await socket.send("interactive", payload, false);
      return { ackMs };
    },
    disconnect: (reason = "refresh_requested") => socket.disconnect(reason),
    dropSocket: () => socket.dropAll(),
    async restart(downtimeMs = 0) {
      if (closed) throw new Error("stand-in: restart() after close()");
      socket.dropAll();
      await stopListening(server);
      // While down, connections are refused: that is what a client sees during a Slack outage.
      if (downtimeMs > 0) await new Promise((r) => setTimeout(r, downtimeMs));
      if (closed) return; // close() came during the downtime: stay closed
      await listen(server, port); // same port: the client's slackApiUrl must keep working
    },
    async close() {
      closed = true;
      await socket.close();
      await stopListening(server);
    },
  };
}

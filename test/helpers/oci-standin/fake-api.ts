import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { KeyObject } from "node:crypto";
import { readBody } from "../read-body.ts";
import { verifyOciSignature, type Verdict } from "./verify-signature.ts";
import type { AttachmentReply, LaunchReply, LookupReply } from "./replies.ts";

/**
 * A small Core + Identity API on loopback (one server plays both hosts). Every request is
 * verified with the PUBLIC key first, and recorded; a bad signature gets OCI's 401.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  verdict: Verdict;
}

export interface FakeInstance {
  id: string;
  compartmentId: string;
  availabilityDomain: string;
  shape: string;
  displayName: string;
  lifecycleState: string;
  shapeConfig?: { ocpus?: number; memoryInGBs?: number };
}

export interface FakeApiOptions {
  publicKey: KeyObject;
  now: () => Date;
  instances?: FakeInstance[];
  availabilityDomains?: string[];
  /** Answers to LaunchInstance in turn; once used up, each launch succeeds. */
  launches?: LaunchReply[];
  /** Items per page of a list; the rest follow through opc-next-page. */
  pageSize?: number;
  /** GetInstance answers PROVISIONING this many times before RUNNING. */
  provisioningPolls?: number;
  /** GetImage's operatingSystem for any image id (default "Oracle Linux"). */
  operatingSystem?: string;
  /** The public IP the next launched instance gets (default 192.0.2.<n>; none when launched with assignPublicIp false). */
  publicIp?: string;
  /** Answers to the first ListVnicAttachments calls, in turn (429, 5xx, a drop, ATTACHING); then the real list. */
  vnicAttachmentReplies?: AttachmentReply[];
  /** Answers to the first GetVnic calls, in turn; then the VNIC. */
  vnicReplies?: LookupReply[];
}

export interface FakeApi {
  url: string;
  requests: RecordedRequest[];
  instances: FakeInstance[];
  launches: LaunchReply[];
  vnicAttachmentReplies: AttachmentReply[];
  vnicReplies: LookupReply[];
  close(): Promise<void>;
}

interface Vnic { id: string; instanceId: string; compartmentId: string; publicIp?: string; privateIp: string }

export async function startOciFakeApi(o: FakeApiOptions): Promise<FakeApi> {
  const requests: RecordedRequest[] = [];
  const instances = o.instances ?? [];
  const launches = o.launches ?? [];
  const attachmentReplies = o.vnicAttachmentReplies ?? [];
  const vnicReplies = o.vnicReplies ?? [];
  const ads = o.availabilityDomains ?? ["Uocm:EU-FRANKFURT-1-AD-1", "Uocm:EU-FRANKFURT-1-AD-2"];
  const pageSize = o.pageSize ?? 100;
  const vnics: Vnic[] = [];
  const polls = new Map<string, number>();
  const byToken = new Map<string, FakeInstance>();

  const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", "opc-request-id": `req-${requests.length}`, ...headers });
    res.end(JSON.stringify(value));
  };
  const error = (res: ServerResponse, status: number, code: string, message: string) => json(res, status, { code, message });
  const page = (res: ServerResponse, items: unknown[], query: Record<string, string>) => {
    const start = Number(query.page ?? 0);
    const next: Record<string, string> = start + pageSize < items.length ? { "opc-next-page": String(start + pageSize) } : {};
    json(res, 200, items.slice(start, start + pageSize), next);
  };

  function launch(res: ServerResponse, req: IncomingMessage, body: unknown, token: string | undefined) {
    const again = token ? byToken.get(token) : undefined;
    if (again) return json(res, 200, again); // opc-retry-token: the same launch, not a second one
    const reply = launches.shift() ?? "launch";
    if (reply === "drop") return void req.socket.destroy();
    if (reply !== "launch") return error(res, reply.status, reply.code, reply.message);
    const d = body as Record<string, any>;
    const n = instances.length + 1;
    const instance: FakeInstance = {
      id: `ocid1.instance.oc1..fake${n}`,
      compartmentId: d.compartmentId,
      availabilityDomain: d.availabilityDomain,
      shape: d.shape,
      displayName: d.displayName,
      lifecycleState: "PROVISIONING",
      shapeConfig: d.shapeConfig,
    };
    instances.push(instance);
    // As OCI does: no public IP unless createVnicDetails asks for one (its default is true).
    const publicIp = d.createVnicDetails?.assignPublicIp === false ? {} : { publicIp: o.publicIp ?? `192.0.2.${n}` };
    vnics.push({ id: `ocid1.vnic.oc1..fake${n}`, instanceId: instance.id, compartmentId: d.compartmentId, ...publicIp, privateIp: `10.0.0.${n}` });
    if (token) byToken.set(token, instance);
    json(res, 200, instance);
  }

  /** A scripted failure of the address lookup: OCI's error body (with opc-request-id), or no answer. */
  function lookupFailure(req: IncomingMessage, res: ServerResponse, reply: LookupReply) {
    if (reply === "drop") return void req.socket.destroy();
    error(res, reply.status, reply.code, reply.message);
  }

  function route(req: IncomingMessage, res: ServerResponse, path: string, query: Record<string, string>, body: unknown) {
    const m = req.method ?? "GET";
    let id: RegExpMatchArray | null;
    if (m === "GET" && path === "/20160918/instances") {
      return page(res, instances.filter((i) => i.compartmentId === query.compartmentId), query);
    }
    if (m === "POST" && path === "/20160918/instances") return launch(res, req, body, req.headers["opc-retry-token"] as string | undefined);
    if (m === "GET" && (id = path.match(/^\/20160918\/instances\/([^/]+)$/))) {
      const instance = instances.find((i) => i.id === decodeURIComponent(id![1]!));
      if (!instance) return error(res, 404, "NotAuthorizedOrNotFound", "instance not found");
      const seen = (polls.get(instance.id) ?? 0) + 1;
      polls.set(instance.id, seen);
      if (instance.lifecycleState === "PROVISIONING" && seen > (o.provisioningPolls ?? 1)) instance.lifecycleState = "RUNNING";
      return json(res, 200, instance);
    }
    if (m === "GET" && path === "/20160918/availabilityDomains") {
      return page(res, ads.map((name, i) => ({ name, id: `ocid1.availabilitydomain.oc1..ad${i + 1}`, compartmentId: query.compartmentId })), query);
    }
    if (m === "GET" && path === "/20160918/vnicAttachments") {
      const reply = attachmentReplies.shift();
      if (reply !== undefined && reply !== "attaching") return lookupFailure(req, res, reply);
      const found = vnics.filter((v) => v.compartmentId === query.compartmentId && (!query.instanceId || v.instanceId === query.instanceId));
      // Still ATTACHING, the attachment has no vnicId yet (OCI fills it in once ATTACHED).
      const attachment = (v: Vnic, i: number) =>
        reply === "attaching"
          ? { id: `ocid1.vnicattachment.oc1..fake${i + 1}`, instanceId: v.instanceId, lifecycleState: "ATTACHING" }
          : { id: `ocid1.vnicattachment.oc1..fake${i + 1}`, instanceId: v.instanceId, vnicId: v.id, lifecycleState: "ATTACHED" };
      return page(res, found.map(attachment), query);
    }
    if (m === "GET" && (id = path.match(/^\/20160918\/vnics\/([^/]+)$/))) {
      const reply = vnicReplies.shift();
      if (reply !== undefined) return lookupFailure(req, res, reply);
      const vnic = vnics.find((v) => v.id === decodeURIComponent(id![1]!));
      if (!vnic) return error(res, 404, "NotAuthorizedOrNotFound", "vnic not found");
      return json(res, 200, { id: vnic.id, ...(vnic.publicIp ? { publicIp: vnic.publicIp } : {}), privateIp: vnic.privateIp, lifecycleState: "AVAILABLE", isPrimary: true });
    }
    if (m === "GET" && (id = path.match(/^\/20160918\/images\/([^/]+)$/))) {
      return json(res, 200, { id: decodeURIComponent(id[1]!), displayName: "image", operatingSystem: o.operatingSystem ?? "Oracle Linux", operatingSystemVersion: "9" });
    }
    error(res, 404, "NotAuthorizedOrNotFound", `no route ${m} ${path}`);
  }

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const target = req.url ?? "/";
      const url = new URL(target, "http://fake");
      const query = Object.fromEntries(url.searchParams);
      const verdict = verifyOciSignature({ method: req.method ?? "GET", target, headers: req.headers, body: raw }, o.publicKey, o.now());
      let body: unknown;
      try {
        body = raw.length > 0 ? JSON.parse(raw.toString("utf8")) : undefined;
      } catch {
        body = raw.toString("utf8");
      }
      requests.push({ method: req.method ?? "GET", path: url.pathname, query, headers: req.headers, body, verdict });
      if (!verdict.ok) return error(res, 401, "NotAuthenticated", verdict.reason);
      route(req, res, url.pathname, query, body);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    instances,
    launches,
    vnicAttachmentReplies: attachmentReplies,
    vnicReplies,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

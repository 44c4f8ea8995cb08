import type { OciProfile } from "./config-file.ts";
import { sendSigned, type OciTransport } from "./http.ts";
import type { LaunchInstanceDetails } from "./launch-details.ts";
import type { OciAvailabilityDomain, OciImage, OciInstance, OciResult, OciVnic, OciVnicAttachment } from "./types.ts";

const API = "/20160918";
// A runaway opc-next-page (a server bug) must not loop forever.
const MAX_PAGES = 100;

export interface OciClientOptions {
  profile: Pick<OciProfile, "tenancy" | "user" | "fingerprint" | "privateKey">;
  region: string;
  /** `oci.endpoints`: override the regional hosts (tests, or a realm other than oc1). */
  endpoints?: { core?: string; identity?: string };
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
  timeoutMs?: number;
}

export interface OciClient {
  readonly coreUrl: string;
  readonly identityUrl: string;
  listInstances(compartmentId: string): Promise<OciResult<OciInstance[]>>;
  launchInstance(details: LaunchInstanceDetails, retryToken: string): Promise<OciResult<OciInstance>>;
  getInstance(id: string): Promise<OciResult<OciInstance>>;
  listAvailabilityDomains(compartmentId: string): Promise<OciResult<OciAvailabilityDomain[]>>;
  listVnicAttachments(compartmentId: string, instanceId: string): Promise<OciResult<OciVnicAttachment[]>>;
  getVnic(id: string): Promise<OciResult<OciVnic>>;
  getImage(id: string): Promise<OciResult<OciImage>>;
}

function base(override: string | undefined, fallback: string): string {
  return (override ?? fallback).replace(/\/+$/, "");
}

function urlOf(host: string, path: string, query: Record<string, string> = {}): URL {
  const url = new URL(`${host}${API}${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A 2xx whose body is not the resource expected: kept apart from OCI's own errors. */
function malformed<T>(status: number, what: string): OciResult<T> {
  return { ok: false, error: { kind: "malformed", status, message: `expected ${what} in the response body` } };
}

export function createOciClient({
  profile,
  region,
  endpoints = {},
  fetch = globalThis.fetch,
  now = () => new Date(),
  timeoutMs = 30_000,
}: OciClientOptions): OciClient {
  const t: OciTransport = { profile, fetch, now, timeoutMs };
  const coreUrl = base(endpoints.core, `https://iaas.${region}.oraclecloud.com`);
  const identityUrl = base(endpoints.identity, `https://identity.${region}.oraclecloud.com`);

  async function getOne<T>(url: URL, what: string): Promise<OciResult<T>> {
    const sent = await sendSigned(t, "GET", url);
    if (!sent.ok) return sent;
    if (!isRecord(sent.reply.json) || typeof sent.reply.json.id !== "string") return malformed(sent.reply.status, what);
    return { ok: true, value: sent.reply.json as T };
  }

  /** Every page, following `opc-next-page` into `page=` until OCI sends none. */
  async function getAll<T>(url: URL, what: string): Promise<OciResult<T[]>> {
    const items: T[] = [];
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const sent = await sendSigned(t, "GET", url);
      if (!sent.ok) return sent;
      if (!Array.isArray(sent.reply.json)) return malformed(sent.reply.status, `a list of ${what}`);
      items.push(...(sent.reply.json as T[]));
      const next = sent.reply.headers.get("opc-next-page");
      if (!next) return { ok: true, value: items };
      url = new URL(url);
      url.searchParams.set("page", next);
    }
    return { ok: false, error: { kind: "malformed", status: 200, message: `more than ${MAX_PAGES} pages of ${what}` } };
  }

  return {
    coreUrl,
    identityUrl,
    listInstances: (compartmentId) => getAll(urlOf(coreUrl, "/instances", { compartmentId }), "instances"),
    async launchInstance(details, retryToken) {
      const sent = await sendSigned(t, "POST", urlOf(coreUrl, "/instances"), {
        body: details,
        headers: { "opc-retry-token": retryToken },
      });
      if (!sent.ok) return sent;
      const json = sent.reply.json;
      if (!isRecord(json) || typeof json.id !== "string") return malformed(sent.reply.status, "an instance");
      const requestId = sent.reply.headers.get("opc-request-id");
      return { ok: true, value: json as OciInstance, ...(requestId ? { opcRequestId: requestId } : {}) };
    },
    getInstance: (id) => getOne(urlOf(coreUrl, `/instances/${encodeURIComponent(id)}`), "an instance"),
    listAvailabilityDomains: (compartmentId) =>
      getAll(urlOf(identityUrl, "/availabilityDomains", { compartmentId }), "availability domains"),
    listVnicAttachments: (compartmentId, instanceId) =>
      getAll(urlOf(coreUrl, "/vnicAttachments", { compartmentId, instanceId }), "VNIC attachments"),
    getVnic: (id) => getOne(urlOf(coreUrl, `/vnics/${encodeURIComponent(id)}`), "a VNIC"),
    getImage: (id) => getOne(urlOf(coreUrl, `/images/${encodeURIComponent(id)}`), "an image"),
  };
}

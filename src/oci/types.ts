/**
 * The parts of OCI's Core and Identity resources the grabber reads. OCI sends more fields;
 * these are the ones Oyster relies on, everything else is passed through untyped.
 */
export interface OciInstance {
  id: string;
  displayName?: string;
  compartmentId?: string;
  availabilityDomain?: string;
  shape?: string;
  shapeConfig?: { ocpus?: number; memoryInGBs?: number };
  lifecycleState: string;
  timeCreated?: string;
  [field: string]: unknown;
}

export interface OciAvailabilityDomain {
  name: string;
  id?: string;
  compartmentId?: string;
}

export interface OciVnicAttachment {
  id: string;
  instanceId: string;
  vnicId?: string;
  lifecycleState: string;
  availabilityDomain?: string;
}

export interface OciVnic {
  id: string;
  publicIp?: string;
  privateIp?: string;
  lifecycleState?: string;
  isPrimary?: boolean;
}

/** GetImage: the grabber reads which OS the image runs, for the new node's login user. */
export interface OciImage {
  id: string;
  displayName?: string;
  operatingSystem?: string;
  operatingSystemVersion?: string;
}

/**
 * Why a call failed. `http`: OCI answered with an error status, `code`/`message` from its
 * `{code, message}` body when it has one. `network`: no answer (refused, reset, DNS); `timeout`:
 * no answer within the deadline. `malformed`: a 2xx whose body is not what the call returns.
 */
export type OciFailure =
  | { kind: "http"; status: number; code?: string; message?: string; opcRequestId?: string }
  | { kind: "network"; message: string }
  | { kind: "timeout"; message: string }
  | { kind: "malformed"; status: number; message: string };

export type OciResult<T> = { ok: true; value: T; opcRequestId?: string } | { ok: false; error: OciFailure };

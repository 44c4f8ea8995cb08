/** OCI's error answers, one per row of reference/oci.md's table, as OCI words them. */
export interface ErrorReply {
  status: number;
  code: string;
  message: string;
}

export const OCI_ERRORS = {
  // InternalError, not the documented InternalServerError: what Oracle actually sends.
  outOfCapacity: { status: 500, code: "InternalError", message: "Out of host capacity." },
  tooManyRequests: { status: 429, code: "TooManyRequests", message: "Too many requests for the user" },
  limitExceeded: {
    status: 400,
    code: "LimitExceeded",
    message: "The following service limits were exceeded: standard-a1-core-count, standard-a1-memory-count.",
  },
  shapeNotFound: { status: 404, code: "NotAuthorizedOrNotFound", message: "shape VM.Standard.A1.Flex not found" },
  notAuthenticated: {
    status: 401,
    code: "NotAuthenticated",
    message: "The required information to complete authentication was not provided or was incorrect.",
  },
  badGateway: { status: 502, code: "BadGateway", message: "Bad Gateway" },
  serviceUnavailable: { status: 503, code: "ServiceUnavailable", message: "The service is currently unavailable." },
  vnicNotFound: { status: 404, code: "NotAuthorizedOrNotFound", message: "Authorization failed or requested resource not found." },
  invalidParameter: { status: 400, code: "InvalidParameter", message: "Invalid vnicId" },
} satisfies Record<string, ErrorReply>;

/**
 * What the fake answers to one LaunchInstance: create the instance, an error body, or drop the
 * connection without an answer (a network error on the client's side).
 */
export type LaunchReply = "launch" | "drop" | ErrorReply;

/**
 * What the fake answers to one call of the address lookup after a launch (ListVnicAttachments,
 * GetVnic) before it gives the real answer: an error body, or a dropped connection.
 */
export type LookupReply = "drop" | ErrorReply;

/** ListVnicAttachments may also list the attachment still ATTACHING, without a vnicId yet. */
export type AttachmentReply = LookupReply | "attaching";

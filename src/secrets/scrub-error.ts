import { scrub, scrubDeep } from "./scrub.ts";

/**
 * Scrubs an error in place (message, stack, and an OysterError's details) and returns it, so
 * its class, code and cause survive for whoever renders or branches on it.
 */
export function scrubError<E extends Error>(err: E, secrets: readonly string[]): E {
  if (secrets.length === 0) return err;
  err.message = scrub(err.message, secrets);
  if (err.stack) err.stack = scrub(err.stack, secrets);
  const withDetails = err as E & { details?: unknown };
  if (withDetails.details !== undefined) withDetails.details = scrubDeep(withDetails.details, secrets);
  return err;
}

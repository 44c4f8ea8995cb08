import { Limiter } from "../async/limiter.ts";

/**
 * Every command that starts a process on the controller (`dispatch status|start|stop`, `restart
 * dispatch`) holds one of these slots while its process runs: at most 2 at once in this process
 * (the bot serves all of Slack and the CLI requests it answers from one), so many people asking
 * at once cannot fork a process each on what is often a laptop. Two, not one: a slow `dispatch
 * status` must not stop an operator's restart. The third waits up to 5 s (Slack has already
 * said "working on...") and is then refused as busy (exit 1), naming what holds the slots.
 * A `restart dispatch` holds its slot across stop and start: it never stops and then finds no
 * room to start again.
 */
export const CONTROLLER_PROCESSES = 2;
export const CONTROLLER_WAIT_MS = 5_000;

export const controllerProcesses = new Limiter({ max: CONTROLLER_PROCESSES, waitMs: CONTROLLER_WAIT_MS, what: "controller processes" });

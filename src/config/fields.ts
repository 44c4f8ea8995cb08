import { z } from "zod";
import { cronShapeProblem } from "./cron-shape.ts";
import { expandHome } from "./expand-home.ts";
import { expected, mustMatch, show, showUrl } from "./messages.ts";
import { checkHttpUrl, HTTP_URL_WHAT } from "./http-url.ts";
import { checkOrigin, ORIGIN_WHAT } from "./origin-url.ts";
import { relativeNameProblem } from "./relative-name.ts";

/**
 * Leaf schemas shared by every config file, each reporting `expected X, got <value>`. Names
 * that later reach a remote shell (units, file names, paths) are held to plain characters here,
 * and may not start with `-`, so they can never be read as an option.
 */

export const ENV_NAME_RE = /^[A-Z_][A-Z0-9_]*$/;
export const UNIT_NAME_RE = /^[A-Za-z0-9@._][A-Za-z0-9@._-]*$/;
export const SLACK_USER_RE = /^[UW][A-Z0-9]+$/;
/** A unit template placeholder name (`systemd.vars` keys): `{NAME}` in the template. */
export const TEMPLATE_VAR_RE = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Control characters (newline, CR, tab, ESC, DEL...): refused in anything put into a unit file. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHAR_RE = /[\u0000-\u001f\u007f]/;
const REMOTE_PATH_RE = /^[A-Za-z0-9~/._@+][A-Za-z0-9~/._@+-]*$/;

export function text(what = "a non-empty string") {
  return z.string({ error: expected(what) }).min(1, { error: expected(what) });
}

export function matching(pattern: RegExp, what = "a string") {
  return z.string({ error: expected(what) }).regex(pattern, { error: mustMatch(pattern) });
}

export function intAtLeast(min: number, what = `an integer >= ${min}`) {
  return z.int({ error: expected(what) }).min(min, { error: expected(what) });
}

export function positiveInt() {
  return intAtLeast(1, "a positive integer");
}

export function port() {
  const what = "a port number (1-65535)";
  return z.int({ error: expected(what) }).min(1, { error: expected(what) }).max(65535, { error: expected(what) });
}

export function bool() {
  return z.boolean({ error: expected("true or false") });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: expected(values.map((v) => JSON.stringify(v)).join(" or ")) });
}

export function listOf<T extends z.ZodType>(item: T, what = "a list") {
  return z.array(item, { error: expected(what) });
}

export function stringList() {
  return listOf(text(), "a list of strings");
}

/** A path on this machine: `~` means the HOME given to loadConfig. */
export function localPath(home: string) {
  return text("a path").transform((path) => expandHome(path, home));
}

/** A path on a node: kept raw, since `~` there is the remote user's home. */
export function remotePath() {
  return matching(REMOTE_PATH_RE, "a path");
}

/**
 * A file inside dispatch.dir, by plain name or relative path; it is pushed to the same place on
 * nodes. See relativeNameProblem for what is refused and why.
 */
export function relativeFile() {
  return z.string({ error: expected("a file name") }).superRefine((name, ctx) => {
    const problem = relativeNameProblem(name);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem, input: name });
  });
}

/**
 * An http(s) URL kept as written (`heartbeat.url`, `oci.endpoints.*`); credentials in it are a
 * config error (see checkHttpUrl). Values are quoted with their userinfo hidden, never with a
 * password.
 */
export function httpUrl() {
  const notText = (issue: { input?: unknown }) =>
    issue.input === undefined ? `required: expected ${HTTP_URL_WHAT}` : `expected ${HTTP_URL_WHAT}, got ${showUrl(issue.input)}`;
  return z.string({ error: notText }).superRefine((value, ctx) => {
    const checked = checkHttpUrl(value);
    if ("problem" in checked) ctx.addIssue({ code: "custom", message: checked.problem });
  });
}

/**
 * An http(s) origin that Oyster appends API paths to (see checkOrigin for what is refused and
 * why), normalised to `scheme://host[:port]` with no trailing `/`. Values are quoted with their
 * userinfo hidden, never with a password.
 */
export function originUrl() {
  const notText = (issue: { input?: unknown }) =>
    issue.input === undefined ? `required: expected ${ORIGIN_WHAT}` : `expected ${ORIGIN_WHAT}, got ${showUrl(issue.input)}`;
  return z.string({ error: notText }).transform((value, ctx) => {
    const checked = checkOrigin(value);
    if ("origin" in checked) return checked.origin;
    ctx.addIssue({ code: "custom", message: checked.problem });
    return z.NEVER;
  });
}

export function emailAddress() {
  return text("an email address").refine((value) => value.includes("@"), { error: expected("an email address") });
}

export function cronExpression() {
  return z.string({ error: expected("a cron expression") }).refine((expr) => cronShapeProblem(expr) === undefined, {
    error: (issue) => cronShapeProblem(String(issue.input)),
  });
}

export function timeZone() {
  return z.string({ error: expected("an IANA time zone name") }).refine(isTimeZone, {
    error: (issue) => `${show(issue.input)} is not an IANA time zone name (e.g. "Europe/London", "UTC")`,
  });
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return name !== "";
  } catch {
    return false;
  }
}

/** A value substituted into a unit template: one line, no control characters. */
export function unitTemplateValue() {
  return z
    .string({ error: expected("a string") })
    .refine((v) => !CONTROL_CHAR_RE.test(v), { error: expected("a single line with no control characters") });
}

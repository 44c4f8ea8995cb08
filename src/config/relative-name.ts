import { show } from "./messages.ts";

// Plain characters only, and no segment starts with "-", so no name can be read as an option.
const SEGMENT_RE = /^[A-Za-z0-9._][A-Za-z0-9._-]*$/;

/**
 * Why `name` is not a plain file name or a relative path under a dir, or undefined when it is.
 * Such names are joined to a node's dispatch dir, and an upload's temp file goes next to the
 * target, so `.` / `..` segments, a leading `/`, and empty segments are all refused: each would
 * put a file (or its temp) somewhere other than where the name seems to say.
 */
export function relativeNameProblem(name: string): string | undefined {
  if (name === "") return "expected a file name, got an empty string";
  if (name.startsWith("/")) return `${show(name)} must be relative to the dispatch dir, not an absolute path`;
  const segments = name.split("/");
  if (segments.includes("")) return `${show(name)} has an empty path segment ("//" or a trailing "/")`;
  if (segments.some((s) => s === "." || s === "..")) {
    return `${show(name)} must be a plain name or a path under the dispatch dir: no "." or ".." segments (write "sub/x.sh", not "./sub/x.sh")`;
  }
  const bad = segments.find((s) => !SEGMENT_RE.test(s));
  if (bad !== undefined) return `${show(name)}: segment ${show(bad)} must match ${SEGMENT_RE.source}`;
  return undefined;
}

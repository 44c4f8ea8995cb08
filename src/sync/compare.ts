import type { LocalFile, RemoteState } from "./types.ts";

export interface Comparison {
  /** Files to push, in `sync.files` order. */
  differ: string[];
  same: string[];
  reasons: Record<string, string>;
}

const octal = (mode: number) => mode.toString(8).padStart(3, "0");

/** Why a node's copy is not the controller's, or undefined when it is (content and mode). */
export function differenceOf(local: LocalFile, remote: RemoteState): string | undefined {
  const have = remote.files.get(local.name);
  if (!have?.sha256) return "missing";
  const parts: string[] = [];
  if (have.sha256 !== local.sha256) parts.push("content differs");
  // A mode we could not read is not called drift: the content still decides.
  if (have.mode !== undefined && have.mode !== local.mode) parts.push(`mode ${octal(have.mode)}, controller ${octal(local.mode)}`);
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/** Splits the files into those a node must be sent and those it already holds. */
export function compareFiles(local: readonly LocalFile[], remote: RemoteState): Comparison {
  const out: Comparison = { differ: [], same: [], reasons: {} };
  for (const file of local) {
    const why = differenceOf(file, remote);
    if (why === undefined) out.same.push(file.name);
    else {
      out.differ.push(file.name);
      out.reasons[file.name] = why;
    }
  }
  return out;
}

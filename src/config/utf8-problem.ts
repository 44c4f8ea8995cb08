import { formatPath } from "./format-issues.ts";

const strict = new TextDecoder("utf-8", { fatal: true });

/** The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
function firstInvalid(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0 || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    const second = b[i + 1]!;
    if ((c === 0xe0 && second < 0xa0) || (c === 0xed && second > 0x9f) || (c === 0xf0 && second < 0x90) || (c === 0xf4 && second > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}

/** The path of the first string (key or value) holding U+FFFD, which is where a lenient decode put the bad bytes. */
function pathOfReplacement(value: unknown, path: PropertyKey[] = []): PropertyKey[] | undefined {
  if (typeof value === "string") return value.includes("\uFFFD") ? path : undefined;
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, inner] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    if (typeof key === "string" && key.includes("\uFFFD")) return [...path, key];
    const found = pathOfReplacement(inner, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Why these bytes are not a UTF-8 text, naming where: the JSON path of the string that holds the
 * bad bytes when the rest parses, else `(file)`, with the byte, line and column. Undefined when
 * they are UTF-8.
 */
export function utf8Problem(bytes: Buffer): { path: string; message: string } | undefined {
  try {
    strict.decode(bytes);
    return undefined;
  } catch {
    // Not UTF-8: say where, below.
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { path: "(file)", message: "not UTF-8: it starts with a UTF-16 byte-order mark; save it as UTF-8" };
  }
  const at = firstInvalid(bytes);
  const before = bytes.subarray(0, Math.max(at, 0));
  const line = before.filter((b) => b === 0x0a).length + 1;
  const column = at - (before.lastIndexOf(0x0a) + 1) + 1;
  const where = at < 0 ? "" : ` (byte 0x${bytes[at]!.toString(16).padStart(2, "0")} at line ${line}, column ${column})`;
  let path: PropertyKey[] | undefined;
  try {
    // Nesting is bounded by the caller's size limit; a file too deep to walk is named as a whole.
    path = pathOfReplacement(JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, "")));
  } catch {
    path = undefined;
  }
  return { path: path ? formatPath(path) : "(file)", message: `not valid UTF-8${where}; save the file as UTF-8` };
}

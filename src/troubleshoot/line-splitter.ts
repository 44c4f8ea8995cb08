import { MAX_LINE_BYTES } from "./tail-file.ts";

/**
 * Bytes read from a growing log, cut into lines. Split on bytes, not text, so a UTF-8 character
 * that straddles two reads is decoded whole; a line still being written waits for its newline.
 * A line longer than MAX_LINE_BYTES keeps its end only (what is carried between reads is held to
 * that), marked "…", as the tail shows it.
 */
export class LineSplitter {
  private partial: Buffer = Buffer.alloc(0);
  private clipped = false;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  /** The lines that `chunk` completes, without their newline (or a trailing CR). */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let data = this.partial.length > 0 ? Buffer.concat([this.partial, chunk]) : chunk;
    for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a)) {
      lines.push(this.text(data.subarray(0, nl)));
      data = data.subarray(nl + 1);
    }
    if (data.length > this.maxLineBytes) {
      data = data.subarray(data.length - this.maxLineBytes);
      this.clipped = true;
    }
    // A copy: `chunk` is the caller's read buffer, reused for the next read.
    this.partial = Buffer.from(data);
    return lines;
  }

  /** What is left without a newline, as a last line (the old file at rotation); then empty. */
  flush(): string[] {
    if (this.partial.length === 0) return [];
    const line = this.text(this.partial);
    this.partial = Buffer.alloc(0);
    return [line];
  }

  /** Forgets a half-read line: the file it came from was truncated. */
  reset(): void {
    this.partial = Buffer.alloc(0);
    this.clipped = false;
  }

  private text(bytes: Buffer): string {
    const line = (this.clipped ? "…" : "") + bytes.toString("utf8").replace(/\r$/, "");
    this.clipped = false;
    return line;
  }
}

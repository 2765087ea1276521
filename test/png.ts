/**
 * Decodes a PNG fully, for tests: checks the signature and every chunk's CRC,
 * reads IHDR, inflates the image data and undoes the row filters. Only what
 * our renderer writes (8-bit RGB or RGBA, not interlaced); anything else
 * throws, so a test can't pass on a file it didn't really read.
 */
import { crc32, inflateSync } from "node:zlib";

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface DecodedPng {
  width: number;
  height: number;
  /** 4 bytes a pixel, row after row. */
  rgba: Buffer;
}

/** Width and height from the IHDR chunk, which must come first. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("not a PNG signature");
  if (png.toString("latin1", 12, 16) !== "IHDR") throw new Error("IHDR is not the first chunk");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export function decodePng(png: Buffer): DecodedPng {
  const { width, height } = pngSize(png);
  let offset = 8;
  let channels = 0;
  const data: Buffer[] = [];
  let ended = false;
  while (offset < png.length && !ended) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== crc) {
      throw new Error(`bad CRC in ${type}`);
    }
    if (type === "IHDR") {
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || interlace !== 0) throw new Error("only 8-bit, non-interlaced");
      if (colour === 6) channels = 4;
      else if (colour === 2) channels = 3;
      else throw new Error(`colour type ${colour} not supported`);
    } else if (type === "IDAT") data.push(body);
    else if (type === "IEND") ended = true;
    offset += 12 + length;
  }
  if (!ended) throw new Error("no IEND");
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) throw new Error("image data has the wrong size");

  const out = Buffer.alloc(width * height * 4);
  const prev = Buffer.alloc(stride);
  const row = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (row[x - channels] as number) : 0;
      const b = prev[x] as number;
      const c = x >= channels ? (prev[x - channels] as number) : 0;
      const v = line[x] as number;
      let value: number;
      if (filter === 0) value = v;
      else if (filter === 1) value = v + a;
      else if (filter === 2) value = v + b;
      else if (filter === 3) value = v + ((a + b) >> 1);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        value = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else throw new Error(`bad filter ${filter} in row ${y}`);
      row[x] = value & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = row[x * channels] as number;
      out[o + 1] = row[x * channels + 1] as number;
      out[o + 2] = row[x * channels + 2] as number;
      out[o + 3] = channels === 4 ? (row[x * channels + 3] as number) : 255;
    }
    row.copy(prev);
  }
  return { width, height, rgba: out };
}

/** Pixels in a rectangle darker than `threshold` (0–255, by their darkest channel). */
export function darkPixels(
  image: DecodedPng,
  rect: { x: number; y: number; width: number; height: number },
  threshold = 160,
): number {
  let n = 0;
  for (let y = rect.y; y < Math.min(image.height, rect.y + rect.height); y++) {
    for (let x = rect.x; x < Math.min(image.width, rect.x + rect.width); x++) {
      const o = (y * image.width + x) * 4;
      const min = Math.min(
        image.rgba[o] as number,
        image.rgba[o + 1] as number,
        image.rgba[o + 2] as number,
      );
      if (min < threshold) n++;
    }
  }
  return n;
}

/** The pixels of a rectangle, to compare two images' regions. */
export function region(
  image: DecodedPng,
  rect: { x: number; y: number; width: number; height: number },
): Buffer {
  const rows: Buffer[] = [];
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    const start = (y * image.width + rect.x) * 4;
    rows.push(image.rgba.subarray(start, start + rect.width * 4));
  }
  return Buffer.concat(rows);
}

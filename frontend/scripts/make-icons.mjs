// Draws the install icons (PNG, 192 and 512 px) into public: Tandem's two rings, and the
// neutral "Notes" icon that discreet mode installs instead. Run by hand (`node scripts/make-icons.mjs`)
// when the design changes; the PNGs are committed. No image library: a few shapes, antialiased by
// supersampling, written with zlib.
import { mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

function png(size, shade) {
  const S = 4; // samples per axis
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = (x + (sx + 0.5) / S) / size;
          const v = (y + (sy + 0.5) / S) / size;
          const c = shade(u, v);
          for (let k = 0; k < 4; k++) acc[k] += c[k];
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      for (let k = 0; k < 4; k++) raw[o + k] = Math.round(acc[k] / (S * S));
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// The whole square is painted (maskable-safe: the marks stay inside the central 80 %).
function tandem(u, v) {
  const ring = (cx, r, w) => Math.abs(Math.hypot(u - cx, v - 0.5) - r) < w;
  if (ring(0.6, 0.2, 0.035)) return [...hex("#b07a3c"), 255];
  if (ring(0.4, 0.2, 0.035)) return [...hex("#2a6b66"), 255];
  return [...hex("#f6f1e7"), 255];
}

function notes(u, v) {
  const inPage = u > 0.26 && u < 0.74 && v > 0.2 && v < 0.8;
  const line = inPage && u > 0.33 && u < 0.67 && [0.36, 0.48, 0.6].some((y) => Math.abs(v - y) < 0.018);
  if (line) return [...hex("#8a7a4a"), 255];
  if (inPage) return [...hex("#fffdf0"), 255];
  return [...hex("#f2c94c"), 255];
}

mkdirSync(new URL("../public/", import.meta.url), { recursive: true });
for (const size of [192, 512]) {
  writeFileSync(new URL(`../public/tandem-${size}.png`, import.meta.url), png(size, tandem));
  writeFileSync(new URL(`../public/notes-${size}.png`, import.meta.url), png(size, notes));
}

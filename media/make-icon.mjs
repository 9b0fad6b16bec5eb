// Draws media/icon.png (128x128): a page of text with a citation chip, on the gallery banner's blue. No image
// tools needed: the pixels are computed here and written as a PNG with zlib. Run: node media/make-icon.mjs
import { writeFileSync } from 'fs';
import { deflateSync } from 'zlib';

const N = 128;
const px = new Uint8Array(N * N * 4);
const rgb = (hex) => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
// Coverage of a rounded rectangle at a pixel centre, anti-aliased over a 1px edge.
const roundRect = (x, y, x0, y0, x1, y1, r) => {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  const d = Math.hypot(dx, dy) - r;
  const inside = Math.min(x - x0, x1 - x, y - y0, y1 - y);
  return Math.max(0, Math.min(1, Math.min(0.5 - d, inside + 0.5)));
};
const paint = (shape, colour, alpha = 1) => {
  const [r, g, b] = rgb(colour);
  for (let y = 0; y < N; y++)
    for (let x = 0; x < N; x++) {
      const a = shape(x + 0.5, y + 0.5) * alpha;
      if (a <= 0) continue;
      const i = (y * N + x) * 4;
      const da = px[i + 3] / 255;
      const oa = a + da * (1 - a);
      px[i] = (r * a + px[i] * da * (1 - a)) / oa;
      px[i + 1] = (g * a + px[i + 1] * da * (1 - a)) / oa;
      px[i + 2] = (b * a + px[i + 2] * da * (1 - a)) / oa;
      px[i + 3] = oa * 255;
    }
};
paint((x, y) => roundRect(x, y, 4, 4, 124, 124, 22), '#1e3a5f');
paint((x, y) => roundRect(x, y, 30, 20, 98, 108, 6), '#f6f8fa');
for (const [y, w] of [[36, 52], [48, 44], [60, 52], [72, 30]]) paint((x, yy) => roundRect(x, yy, 38, y, 38 + w, y + 5, 2.5), '#8c959f');
paint((x, y) => roundRect(x, y, 58, 82, 112, 104, 11), '#2da44e');
// "@" as a ring with a dot, on the chip.
paint((x, y) => {
  const d = Math.hypot(x - 72, y - 93);
  return Math.max(0, Math.min(1, Math.min(d - 4.5, 8.5 - d) + 0.5));
}, '#ffffff');
paint((x, y) => Math.max(0, Math.min(1, 2.6 - Math.hypot(x - 72, y - 93) + 0.5)), '#ffffff');
for (const cx of [87, 97]) paint((x, y) => roundRect(x, y, cx - 3, 90, cx + 3, 96, 3), '#ffffff');

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) raw.set(px.subarray(y * N * 4, (y + 1) * N * 4), y * (N * 4 + 1) + 1);
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('./icon.png', import.meta.url), png);

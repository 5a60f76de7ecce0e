// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of the build's assets,
// once, at build time; the server sends the one the browser accepts (backend/tandem/web/spa.py).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = new URL("../dist/assets/", import.meta.url).pathname;
const compressible = /\.(js|mjs|css|svg|json|html|txt|map|webmanifest)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (compressible.test(name)) yield path;
  }
}

let raw = 0;
let br = 0;
let gz = 0;
for (const path of files(root)) {
  const data = readFileSync(path);
  if (data.length < 1024) continue;
  const brotli = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  const gzip = gzipSync(data, { level: 9 });
  writeFileSync(`${path}.br`, brotli);
  writeFileSync(`${path}.gz`, gzip);
  raw += data.length;
  br += brotli.length;
  gz += gzip.length;
}
console.log(`precompressed assets: ${(raw / 1000).toFixed(1)} kB -> gzip ${(gz / 1000).toFixed(1)} kB, brotli ${(br / 1000).toFixed(1)} kB`);

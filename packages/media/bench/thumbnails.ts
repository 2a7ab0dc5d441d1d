/**
 * Thumbnailing throughput for 12-megapixel JPEGs (4000 × 3000, photo-like noise, ~q88).
 * Run from the repository root: npx tsx packages/media/bench/thumbnails.ts [count]
 *
 * Measures, on the same inputs:
 *  - thumbnail only: processImage with just the 256 px variant (header check, EXIF date, decode with
 *    JPEG shrink-on-load, resize, encode);
 *  - full ingest: ingestUpload producing original (≤3000 px), medium (1024 px) and thumbnail;
 * each one at a time and with as many in flight as there are CPUs. libvips' operation cache is off so
 * repeated inputs are really decoded each time.
 */
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { ingestUpload } from '../src/ingest.ts';
import { processImage } from '../src/images.ts';

sharp.cache(false);
const count = Number(process.argv[2] ?? 24);
const parallel = availableParallelism();

async function photo(seed: number): Promise<Buffer> {
  const { data, info } = await sharp({
    create: {
      width: 4000,
      height: 3000,
      channels: 3,
      background: { r: 90 + seed * 20, g: 110, b: 140 },
      noise: { type: 'gaussian', mean: 120, sigma: 30 },
    },
  })
    .blur(1.2) // real photos are smoother than white noise
    .raw()
    .toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: info }).jpeg({ quality: 88 }).toBuffer();
}

async function run(
  label: string,
  inputs: Buffer[],
  work: (b: Buffer) => Promise<unknown>,
  concurrency: number,
) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(inputs[next++ % inputs.length]!);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(36)} ${String(count).padStart(4)} photos in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(1)}/s`,
  );
}

const inputs = await Promise.all([0, 1, 2, 3].map(photo));
const avgMb = inputs.reduce((n, b) => n + b.length, 0) / inputs.length / 1e6;
console.log(
  `node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ${parallel} CPUs`,
);
console.log(`inputs: 4000×3000 JPEG, ${avgMb.toFixed(1)} MB on average\n`);

const thumbOnly = (b: Buffer) =>
  processImage(b, 'image/jpeg', { variants: [{ name: 'thumbnail', maxSide: 256, quality: 80 }] });
const fullIngest = (b: Buffer) => ingestUpload({ bytes: b, maxBytes: 50e6, kind: 'photo' });
await thumbOnly(inputs[0]!); // warm up
await run('thumbnail only, sequential', inputs, thumbOnly, 1);
await run(`thumbnail only, ${parallel} in flight`, inputs, thumbOnly, parallel);
await run('full ingest (3 sizes), sequential', inputs, fullIngest, 1);
await run(`full ingest (3 sizes), ${parallel} in flight`, inputs, fullIngest, parallel);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

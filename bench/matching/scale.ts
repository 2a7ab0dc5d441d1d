/**
 * Scale run: matches N requests against all records of a (large) bench directory and
 * records wall time, CPU time and peak memory. Inputs come from the shared generator, e.g.
 *   node /work/shared/bench/gen.mjs --seed 101 --children 455000 --out /tmp/mbig   # ≈500k records
 *   npx tsx bench/matching/scale.ts --dir /tmp/mbig --requests 200000 --out /tmp/mbig/out.jsonl
 * The first --requests lines of requests.jsonl are used (written to a temporary file).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { runMatchFiles } from '../../packages/matching/src/index.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    requests: { type: 'string', default: '200000' },
    out: { type: 'string' },
    top: { type: 'string', default: '5' },
  },
});
if (!values.dir || !values.out) {
  console.error('usage: scale.ts --dir DIR --requests N --out OUT.jsonl');
  process.exit(2);
}

async function head(from: string, to: string, n: number): Promise<void> {
  const out = createWriteStream(to);
  let i = 0;
  for await (const line of createInterface({ input: createReadStream(from) })) {
    if (i++ >= n) break;
    out.write(line + '\n');
  }
  await new Promise((resolve) => out.end(resolve));
}

const requestsPath = `${values.out}.requests.jsonl`;
await head(join(values.dir, 'requests.jsonl'), requestsPath, Number(values.requests));
const started = performance.now();
const cpu0 = process.cpuUsage();
const summary = await runMatchFiles({
  recordsPath: join(values.dir, 'records.jsonl'),
  requestsPath,
  outPath: values.out,
  top: Number(values.top),
});
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    records: summary.records,
    requests: summary.requests,
    written: summary.written,
    errors: summary.errors.length,
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
    ...summary.timings,
    msPerRequest: Math.round((summary.timings.matchMs / Math.max(1, summary.requests)) * 100) / 100,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    model: summary.model.trainedOn,
  }),
);

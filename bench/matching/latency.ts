/**
 * Latency of the in-memory index as the server uses it: one request or one dossier at a
 * time against N indexed records; p50/p95/p99 per operation.
 *   node /work/shared/bench/gen.mjs --seed 5 --children 45500 --out /tmp/m50k   # ≈50k records
 *   npx tsx bench/matching/latency.ts --dir /tmp/m50k [--queries 3000]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MatchIndex, trainModel } from '../../packages/matching/src/index.ts';
import type { MatchRecord } from '../../packages/matching/src/index.ts';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, queries: { type: 'string', default: '3000' } },
});
if (!values.dir) throw new Error('usage: latency.ts --dir DIR [--queries N]');
const lines = (p: string): MatchRecord[] =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as MatchRecord);
const records = lines(join(values.dir, 'records.jsonl'));
const requests = lines(join(values.dir, 'requests.jsonl')).slice(0, Number(values.queries));

const index = new MatchIndex();
let t = performance.now();
for (const r of records) index.add(r);
const buildMs = performance.now() - t;
t = performance.now();
index.setModel(trainModel(index, requests));
const trainMs = performance.now() - t;

function percentiles(samples: number[]): Record<string, number> {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number): number =>
    Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0) * 100) / 100;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}
function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const query = requests.map((q) => time(() => index.query(q, { top: 5 })));
const dossier = records
  .slice(0, Number(values.queries))
  .map((r) => time(() => index.queryRecord(r.id, { top: 5 })));
const update = records
  .slice(0, 1000)
  .map((r) => time(() => index.update({ ...r, given_name: `${r.given_name ?? ''}` })));
const removeAdd = records.slice(1000, 2000).map((r) => time(() => (index.remove(r.id), index.add(r))));
console.log(
  JSON.stringify({
    records: index.size,
    buildSeconds: Math.round(buildMs / 100) / 10,
    trainSeconds: Math.round(trainMs / 100) / 10,
    queryMs: percentiles(query),
    dossierQueryMs: percentiles(dossier),
    updateMs: percentiles(update),
    removeAddMs: percentiles(removeAdd),
    heapMB: Math.round(process.memoryUsage().heapUsed / 1048576),
  }),
);

/**
 * Thin CLI over runMatchFiles, for benchmark runs:
 *   npx tsx bench/matching/match-files.ts --records R.jsonl --requests Q.jsonl --out M.jsonl [--top 5] [--model params.json] [--save-model params.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runMatchFiles } from '../../packages/matching/src/index.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string' },
    requests: { type: 'string' },
    out: { type: 'string' },
    top: { type: 'string', default: '5' },
    model: { type: 'string' },
    'save-model': { type: 'string' },
  },
});
if (!values.records || !values.requests || !values.out) {
  console.error('usage: match-files.ts --records R.jsonl --requests Q.jsonl --out M.jsonl [--top 5]');
  process.exit(2);
}
const started = performance.now();
const summary = await runMatchFiles({
  recordsPath: values.records,
  requestsPath: values.requests,
  outPath: values.out,
  top: Number(values.top),
  ...(values.model ? { model: JSON.parse(readFileSync(values.model, 'utf8')) } : {}),
});
if (values['save-model']) writeFileSync(values['save-model'], JSON.stringify(summary.model, null, 2));
const seconds = (performance.now() - started) / 1000;
for (const e of summary.errors.slice(0, 20)) console.error(`${e.file}:${e.line}: ${e.message}`);
console.error(
  JSON.stringify({
    requests: summary.requests,
    records: summary.records,
    written: summary.written,
    errors: summary.errors.length,
    seconds: Math.round(seconds * 10) / 10,
    ...summary.timings,
    candidatesPerRequest:
      Math.round((summary.blocking.candidates / Math.max(1, summary.blocking.queries)) * 10) / 10,
    fallbackShare:
      Math.round((summary.blocking.fallbackQueries / Math.max(1, summary.blocking.queries)) * 1000) / 1000,
    fallbackCandidates: summary.blocking.fallbackCandidates,
    cpuSeconds: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1e5) / 10,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);

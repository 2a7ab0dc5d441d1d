/**
 * Diagnostics on a generated bench directory: blocking recall and the misses of a match
 * output, by tag. Reads truth.jsonl (evaluation only; the engine never sees it).
 *   npx tsx bench/matching/diagnose.ts DIR OUT.jsonl [--show TAG]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MatchIndex, measureBlockingRecall } from '../../packages/matching/src/index.ts';
import type { MatchRecord } from '../../packages/matching/src/index.ts';

const [dir = '', outPath = '', show] = process.argv.slice(2);
const lines = <T>(p: string): T[] =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
type Truth = { record_id?: string; request_id?: string; child: string | null; tags?: string[] };
const truth = lines<Truth>(join(dir, 'truth.jsonl'));
const records = lines<MatchRecord>(join(dir, 'records.jsonl'));
const requests = lines<MatchRecord>(join(dir, 'requests.jsonl'));
const recById = new Map(records.map((r) => [r.id, r]));
const childRecs = new Map<string, string[]>();
const recTags = new Map<string, string[]>();
for (const t of truth)
  if (t.record_id && t.child) {
    childRecs.set(t.child, [...(childRecs.get(t.child) ?? []), t.record_id]);
    recTags.set(t.record_id, t.tags ?? []);
  }
const reqChild = new Map(truth.filter((t) => t.request_id).map((t) => [t.request_id ?? '', t]));
const index = new MatchIndex();
for (const r of records) index.add(r);
const pairs = requests.flatMap((q) =>
  (childRecs.get(reqChild.get(q.id)?.child ?? '') ?? []).map((recordId) => ({ query: q, recordId })),
);
// Main rules only, then with the names-free fallback keys for every query (its upper bound;
// match-files.ts reports how often the fallback actually runs).
const results = [false, true].map((withFallback) => measureBlockingRecall(index, pairs, withFallback));
const br = results[0] ?? measureBlockingRecall(index, pairs);
for (const [i, r] of results.entries()) {
  const missTags = new Map<string, number>();
  for (const m of r.missed)
    for (const t of recTags.get(m.recordId) ?? ['none']) missTags.set(t, (missTags.get(t) ?? 0) + 1);
  console.log(
    `blocking recall ${i ? 'with names-free keys' : 'main keys'} ${r.recall.toFixed(4)} over ${r.pairs} pairs,`,
    `${r.meanCandidates.toFixed(1)} candidates/query; misses by record tag`,
    JSON.stringify(Object.fromEntries(missTags)),
  );
}
if (outPath) {
  const out = new Map(
    lines<{ request_id: string; candidates: { record_id: string; score: number; decision: string }[] }>(
      outPath,
    ).map((o) => [o.request_id, o.candidates]),
  );
  let shown = 0;
  for (const q of requests) {
    const t = reqChild.get(q.id);
    const truthRecs = childRecs.get(t?.child ?? '') ?? [];
    const cands = out.get(q.id) ?? [];
    const top1 = cands[0];
    const wrongMatch = cands.find((c) => c.decision === 'match' && !truthRecs.includes(c.record_id));
    const miss = truthRecs.length > 0 && !cands.slice(0, 1).some((c) => truthRecs.includes(c.record_id));
    const tags = [
      ...(t?.tags ?? []).map((x) => 'request-' + x),
      ...truthRecs.flatMap((r) => recTags.get(r) ?? []),
    ];
    if (!show || !(tags.includes(show) || show === (wrongMatch ? 'false-match' : miss ? 'miss' : '')))
      continue;
    if (!(miss || wrongMatch) || shown++ > 12) continue;
    console.log('\nREQ', JSON.stringify(q), tags.join(','));
    for (const r of truthRecs) console.log('  TRUE', JSON.stringify(recById.get(r)));
    if (top1) console.log('  TOP ', top1.score, top1.decision, JSON.stringify(recById.get(top1.record_id)));
    if (wrongMatch && wrongMatch !== top1)
      console.log('  WRONG', wrongMatch.score, JSON.stringify(recById.get(wrongMatch.record_id)));
  }
}
if (process.argv.includes('--missed')) {
  const reqById = new Map(requests.map((q) => [q.id, q]));
  for (const m of br.missed
    .filter((x) => !(recTags.get(x.recordId) ?? []).includes('new-identity'))
    .slice(0, 25)) {
    console.log('Q', JSON.stringify(reqById.get(m.queryId)));
    console.log('R', JSON.stringify(recById.get(m.recordId)), (recTags.get(m.recordId) ?? []).join(','));
  }
}

/**
 * Issue 4 target: "when a request or dossier is created or imported, candidates are proposed
 * within 50 ms (p95) at 50,000 dossiers". Measures, on the real database, the proposal step the
 * API runs right after a create: proposeForRequest for a new request, proposeForNewDossier
 * (requests it may answer + duplicates) for a new dossier. Proposals are persisted as in the API.
 *
 *   npx tsx bench/matching/server-propose.ts [--count 50000] [--queries 300] [--database-url postgres://…]
 *
 * Without --database-url it runs on embedded PGlite in a fresh temporary data folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig, openRuntime, systemActor } from '@homeward/server';
import { generateDemoChildren } from '@homeward/server/modules/demo/demo-data.ts';
import { createDossier } from '@homeward/server/modules/dossiers/dossiers.service.ts';
import { dossierIndex, requestIndex } from '@homeward/server/modules/matching/matching.index.ts';
import { proposeForNewDossier } from '@homeward/server/modules/matching/matching.runs.ts';
import { proposeForRequest } from '@homeward/server/modules/matching/matching.service.ts';
import { createParty } from '@homeward/server/modules/parties/parties.service.ts';
import { createRequest } from '@homeward/server/modules/requests/requests.service.ts';
import { importFile } from '@homeward/server/modules/transfer/import.service.ts';
import { percentiles } from '../stats.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '50000' }, queries: { type: 'string', default: '300' }, 'database-url': { type: 'string' } },
});
const count = Number(values.count);
const queries = Number(values.queries);
const dir = mkdtempSync(join(tmpdir(), 'hw-bench-propose-'));
let databaseUrl = values['database-url'];
if (databaseUrl) {
  const name = `hw_bench_propose_${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  databaseUrl = u.toString();
}
const backend = databaseUrl ? 'PostgreSQL' : 'PGlite';
const rt = await openRuntime(loadConfig({ HOMEWARD_DATA_DIR: dir, HOMEWARD_LOG_LEVEL: 'warn', HOMEWARD_JOBS: 'off', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }));
const deps = { db: rt.database.db, clock: rt.clock };
const holder = await createParty(rt.database.db, systemActor(), { code: 'RU-BENCH', name: 'Bench holder', kind: 'holding-country-authority' });
const family = await createParty(rt.database.db, systemActor(), { code: 'UA-BENCH', name: 'Bench family side', kind: 'home-country-authority' });

const kids = generateDemoChildren(count + queries, 4242);
const file = join(dir, 'dossiers.jsonl');
writeFileSync(file, kids.slice(0, count).map((k) => JSON.stringify(k.dossier)).join('\n') + '\n');
let t = performance.now();
await importFile(rt.database.db, rt.clock, file, { kind: 'dossiers', format: 'jsonl', partyId: holder.id, actor: systemActor(holder.id) });
console.log(`[${backend}] imported ${count} dossiers in ${((performance.now() - t) / 1000).toFixed(1)} s`);

t = performance.now();
await dossierIndex(rt.database.db).sync();
await requestIndex(rt.database.db).sync();
console.log(`[${backend}] index built from the database in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// New requests for children among the 50k (most have one), filed one at a time.
const familyActor = { ...systemActor(family.id), kind: 'user' as const };
const requestTimes: number[] = [];
let proposedForRequests = 0;
for (const k of kids.slice(0, count)) {
  if (requestTimes.length >= queries) break;
  if (!k.request) continue;
  const created = await createRequest(deps, familyActor, { ...k.request, sourceId: undefined });
  const s = performance.now();
  const proposals = await proposeForRequest(deps, created.id);
  requestTimes.push(performance.now() - s);
  proposedForRequests += proposals.length;
}

// New dossiers (children not yet in the database), supplied one at a time.
const holderActor = { ...systemActor(holder.id), kind: 'user' as const };
const dossierTimes: number[] = [];
for (const k of kids.slice(count, count + queries)) {
  const created = await createDossier(deps, holderActor, { ...k.dossier, sourceId: undefined });
  const s = performance.now();
  await proposeForNewDossier(deps, created.id);
  dossierTimes.push(performance.now() - s);
}

const fmt = (xs: number[]) => {
  const p = percentiles(xs);
  return `p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms, max ${p.max.toFixed(1)} ms`;
};
console.log(`[${backend}] propose for a new request (${requestTimes.length}, ${(proposedForRequests / requestTimes.length).toFixed(1)} proposals each): ${fmt(requestTimes)}`);
console.log(`[${backend}] propose for a new dossier (${dossierTimes.length}): ${fmt(dossierTimes)}`);
await rt.close();

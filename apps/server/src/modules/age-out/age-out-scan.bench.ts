/**
 * Age-out benchmark: the hourly `age-out.scan` over many dossiers, on embedded PGlite (or
 * PostgreSQL with --database-url).
 *
 *   npx tsx apps/server/src/modules/age-out/age-out-scan.bench.ts [count] [--database-url postgres://…]
 *
 * Dossiers get birth dates spread evenly over 25 years (one in ten known to the year only, one in
 * twenty unknown), so about 1 in 25 is within a year of 18. Times the first scan (which queues
 * everyone already adult or within 90 days) and a repeat scan (the hourly case: nothing new).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { fixedClock, loadConfig, openRuntime, systemActor } from '@homeward/server';
import { createParty } from '@homeward/server/modules/parties/parties.service.ts';
import { scanAgeOut } from './age-out.scan.ts';

const count = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 50_000);
const urlIndex = process.argv.indexOf('--database-url');
const databaseUrl = urlIndex > 0 ? process.argv[urlIndex + 1] : undefined;
const dir = mkdtempSync(join(tmpdir(), 'hw-age-out-bench-'));
Object.assign(process.env, { HOMEWARD_DATA_DIR: dir, HOMEWARD_LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
const clock = fixedClock('2026-04-01T09:00:00Z');
const rt = await openRuntime(loadConfig(), clock);
const db = rt.database.db;
const party = await createParty(db, systemActor(), { code: `AOB-${Date.now()}`, name: 'Age-out bench', kind: 'holding-country-authority' });

const t0 = performance.now();
await sql`
  insert into dossier (party_id, status, names, name_search, sex, birth_date, birth_date_precision, birth_year, displacement, current_placement, services)
  select ${party.id}::uuid, 'open', '[]', '', 'unknown',
    case when i % 20 = 0 then null when i % 10 = 0 then date_trunc('year', b)::date else b end,
    case when i % 20 = 0 then 'unknown' when i % 10 = 0 then 'year' else 'day' end,
    case when i % 20 = 0 then null else extract(year from b)::int end,
    jsonb_build_object('kind', 'unknown', 'date', '2022-03'), 'institution', '{}'
  from (select i, (date '2001-04-01' + (i * 9131 / ${count}::int)) as b from generate_series(1, ${count}::int) i) s`.execute(db);
console.log(`inserted ${count} dossiers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

for (const label of ['first scan', 'repeat scan', 'repeat scan']) {
  const start = performance.now();
  const r = await scanAgeOut({ db, clock }, 30);
  console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms`, r);
}
await rt.close();
